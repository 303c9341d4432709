import { huaweiConfig, isConfig } from '../huawei/config';
import type { ProviderId } from '../store/capture-schema';
import type { Settings } from '../store/settings';

/**
 * The provider a new capture uses. 'auto' (the default) is the on-device engine, which needs no
 * account, until Huawei credentials are complete; an explicit choice always wins.
 */
export function resolveProvider(settings: Settings): ProviderId {
  if (settings.provider !== 'auto') return settings.provider;
  return isConfig(huaweiConfig(settings)) ? 'huawei' : 'ondevice';
}
