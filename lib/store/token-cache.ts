import { CachedTokenSchema, type TokenCache } from '../huawei/token';
import { settingItem } from './setting-item';

/** The IAM token is a secret: local storage only, read by the worker only. */
const item = settingItem('iamToken', CachedTokenSchema.nullable(), null);

export const tokenCache: TokenCache = { get: item.get, set: item.set };
