import { z } from 'zod';
import { settingItem } from './setting-item';

const SelectorPathSchema = z.array(z.string().max(2000)).min(1).max(20);

/** A form taught by the user: which input each invoice field goes into, per origin + path pattern. */
export const FieldMappingRecordSchema = z.object({
  origin: z.string(),
  path: z.string(),
  fields: z.object({ code: SelectorPathSchema, number: SelectorPathSchema, amount: SelectorPathSchema, location: SelectorPathSchema }).partial(),
  savedAt: z.number(),
});
export type FieldMappingRecord = z.infer<typeof FieldMappingRecordSchema>;

export const fieldMappings = settingItem('fieldMappings', z.array(FieldMappingRecordSchema).max(500), []);

export async function mappingFor(origin: string, path: string): Promise<FieldMappingRecord | undefined> {
  return (await fieldMappings.get()).find((m) => m.origin === origin && m.path === path);
}

export async function saveMapping(record: FieldMappingRecord): Promise<void> {
  const others = (await fieldMappings.get()).filter((m) => !(m.origin === record.origin && m.path === record.path));
  await fieldMappings.set([...others, record]);
}

export async function deleteMapping(origin: string, path: string): Promise<void> {
  await fieldMappings.set((await fieldMappings.get()).filter((m) => !(m.origin === origin && m.path === path)));
}
