import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Capture } from './capture-schema';

export interface CaptureDb extends DBSchema {
  captures: { key: string; value: Capture; indexes: { createdAt: number; status: string } };
  images: { key: string; value: { id: string; blob: Blob } };
}

export const DB_NAME = 'quota-invoice-capture';

/** One IndexedDB shared by the worker and the extension pages (same origin). */
export function openCaptureDb(name = DB_NAME): Promise<IDBPDatabase<CaptureDb>> {
  return openDB<CaptureDb>(name, 1, {
    upgrade(db) {
      const captures = db.createObjectStore('captures', { keyPath: 'id' });
      captures.createIndex('createdAt', 'createdAt');
      captures.createIndex('status', 'status');
      db.createObjectStore('images', { keyPath: 'id' });
    },
  });
}
