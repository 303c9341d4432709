import { z } from 'zod';
import type { ClockOffsetStore } from '../huawei/clock';
import { settingItem } from './setting-item';

/**
 * The Huawei gateway's clock offset (ms, gateway minus this computer), learned from answers'
 * `Date` headers. Kept in storage so a restarted worker does not spend another refused
 * signature finding it again (five lock the AK for 5 minutes, DESIGN.md).
 */
const item = settingItem('huaweiClockOffsetMs', z.number().finite(), 0);

export const clockOffsetStore: ClockOffsetStore = { get: item.get, set: item.set };
