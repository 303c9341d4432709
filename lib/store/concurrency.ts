import { z } from 'zod';

/**
 * The concurrency setting: cloud recognitions in flight at once (lib/recognize/queue.ts). Its own
 * file so the message schemas can use it without pulling in storage.
 */
export const ConcurrencySchema = z.number().int().min(1).max(8);
export const DEFAULT_CONCURRENCY = 2;
