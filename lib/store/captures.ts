import type { IDBPDatabase } from 'idb';
import { CaptureSchema, type Capture, type CaptureStatus } from './capture-schema';
import { openCaptureDb, type CaptureDb } from './db';

export interface CaptureStore {
  add(capture: Capture, image?: Blob): Promise<void>;
  update(id: string, patch: Partial<Omit<Capture, 'id'>>): Promise<Capture>;
  get(id: string): Promise<Capture | undefined>;
  image(id: string): Promise<Blob | undefined>;
  setImage(id: string, image: Blob): Promise<void>;
  recent(limit: number): Promise<Capture[]>;
  /** How many captures there are. */
  count(): Promise<number>;
  withStatus(...statuses: CaptureStatus[]): Promise<Capture[]>;
  remove(id: string): Promise<void>;
}

/** Captures and their images in IndexedDB; every record is validated on the way in and out. */
export function createCaptureStore(dbPromise: Promise<IDBPDatabase<CaptureDb>> = openCaptureDb()): CaptureStore {
  const valid = (records: unknown[]): Capture[] =>
    records.flatMap((r) => {
      const parsed = CaptureSchema.safeParse(r);
      return parsed.success ? [parsed.data] : [];
    });
  return {
    async add(capture, image) {
      const db = await dbPromise;
      const tx = db.transaction(['captures', 'images'], 'readwrite');
      await tx.objectStore('captures').put(CaptureSchema.parse(capture));
      if (image) await tx.objectStore('images').put({ id: capture.id, blob: image });
      await tx.done;
    },
    async update(id, patch) {
      const db = await dbPromise;
      const tx = db.transaction('captures', 'readwrite');
      const current = await tx.store.get(id);
      if (!current) throw new Error(`capture ${id} not found`);
      const next = CaptureSchema.parse({ ...current, ...patch, id, updatedAt: Date.now() });
      await tx.store.put(next);
      await tx.done;
      return next;
    },
    async get(id) {
      return valid([await (await dbPromise).get('captures', id)])[0];
    },
    async image(id) {
      // A record written by an older version or damaged on disk costs only its own thumbnail.
      const blob: unknown = (await (await dbPromise).get('images', id))?.blob;
      return blob instanceof Blob ? blob : undefined;
    },
    async setImage(id, image) {
      await (await dbPromise).put('images', { id, blob: image });
    },
    async recent(limit) {
      const db = await dbPromise;
      // Most or all of them (the batch page): one getAll is ~10x faster than a cursor step per
      // record (5,000 captures: one request instead of 5,000 round trips). Records only, never
      // image Blobs: those live in their own store and are read one at a time when shown.
      if (limit >= (await db.count('captures'))) return valid((await db.getAllFromIndex('captures', 'createdAt')).reverse());
      const out: unknown[] = [];
      let cursor = await db.transaction('captures').store.index('createdAt').openCursor(null, 'prev');
      while (cursor && out.length < limit) {
        out.push(cursor.value);
        cursor = await cursor.continue();
      }
      return valid(out);
    },
    async count() {
      return (await dbPromise).count('captures');
    },
    async withStatus(...statuses) {
      const db = await dbPromise;
      const lists = await Promise.all(statuses.map((s) => db.getAllFromIndex('captures', 'status', s)));
      return valid(lists.flat());
    },
    async remove(id) {
      const db = await dbPromise;
      const tx = db.transaction(['captures', 'images'], 'readwrite');
      await tx.objectStore('captures').delete(id);
      await tx.objectStore('images').delete(id);
      await tx.done;
    },
  };
}
