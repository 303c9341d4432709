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
  /**
   * A photo of several invoices becomes one capture per invoice, in one transaction: the photo
   * is kept once (read back with `photo`), each part is stored with its crop, and the capture
   * that held the photo is removed. A worker stopped before it finds that capture unchanged.
   */
  splitPhoto(photoCaptureId: string, photo: Blob, parts: { capture: Capture; image: Blob }[]): Promise<void>;
  /** The photo a capture was cut out of (its `photo.id`), while any of its invoices is kept. */
  photo(photoId: string): Promise<Blob | undefined>;
}

/** Where a photo of several invoices is kept, in the images store (its capture is gone). */
const photoKey = (photoId: string) => `photo:${photoId}`;

/** The ids of a photo's invoices: fixed, so splitting the same photo again writes the same records. */
export const photoPartId = (photoId: string, index: number) => `${photoId}.${index + 1}`;

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
      const part = valid([await tx.objectStore('captures').get(id)])[0]?.photo;
      await tx.objectStore('captures').delete(id);
      await tx.objectStore('images').delete(id);
      // The photo goes with its last invoice.
      if (part) {
        const siblings = Array.from({ length: part.count }, (_, i) => photoPartId(part.id, i)).filter((sid) => sid !== id);
        const left = await Promise.all(siblings.map((sid) => tx.objectStore('captures').count(sid)));
        if (left.every((n) => n === 0)) await tx.objectStore('images').delete(photoKey(part.id));
      }
      await tx.done;
    },
    async splitPhoto(photoCaptureId, photo, parts) {
      const db = await dbPromise;
      const tx = db.transaction(['captures', 'images'], 'readwrite');
      await tx.objectStore('images').put({ id: photoKey(photoCaptureId), blob: photo });
      for (const { capture, image } of parts) {
        await tx.objectStore('captures').put(CaptureSchema.parse(capture));
        await tx.objectStore('images').put({ id: capture.id, blob: image });
      }
      await tx.objectStore('captures').delete(photoCaptureId);
      await tx.objectStore('images').delete(photoCaptureId);
      await tx.done;
    },
    async photo(photoId) {
      const blob: unknown = (await (await dbPromise).get('images', photoKey(photoId)))?.blob;
      return blob instanceof Blob ? blob : undefined;
    },
  };
}
