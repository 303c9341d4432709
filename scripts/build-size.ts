/**
 * The built extension's size against the limits of issue 10: at most 25 MB unpacked and 12 MB as
 * the store ZIP (MB = 10^6 bytes). Printed by every `wxt build` (the hook in wxt.config.ts).
 *
 * The ZIP's size is computed, not made: each file deflated at level 9 (what `wxt zip` uses) plus
 * the ZIP format's local and central headers (30 + 46 bytes and the name twice per file, 22 for
 * the end record). It lands within a few kB of the real `wxt zip` and costs about a second.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { deflateRawSync } from 'node:zlib';

export const LIMITS = { unpackedBytes: 25e6, zippedBytes: 12e6 } as const;

export interface BuildSize {
  /** Sum of the output directory's file sizes, bytes. */
  unpacked: number;
  /** The models/ folder alone, bytes. */
  models: number;
  /** onnxruntime-web's files (ort/), bytes. */
  ort: number;
  /** Estimated size of the ZIP `wxt zip` makes of this directory, bytes. */
  zipped: number;
}

/** Measures a built extension directory (e.g. .output/chrome-mv3). Throws if it cannot be read. */
export function measureBuild(outDir: string): BuildSize {
  const size: BuildSize = { unpacked: 0, models: 0, ort: 0, zipped: 22 };
  for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const name = relative(outDir, path).split(sep).join('/');
    const bytes = readFileSync(path);
    size.unpacked += bytes.length;
    if (name.startsWith('models/')) size.models += bytes.length;
    if (name.startsWith('ort/')) size.ort += bytes.length;
    // A ZIP stores a file as is when deflating does not make it smaller.
    size.zipped += Math.min(bytes.length, deflateRawSync(bytes, { level: 9 }).length) + 30 + 46 + 2 * Buffer.byteLength(name);
  }
  return size;
}

/** `name: value unit` lines for a measured build, and what exceeds the limits (empty if none). */
export function describeBuildSize(size: BuildSize): { lines: string[]; over: string[] } {
  const mb = (bytes: number) => (bytes / 1e6).toFixed(2);
  const lines = [
    `build_unpacked: ${mb(size.unpacked)} MB`,
    `build_models: ${mb(size.models)} MB`,
    `build_onnxruntime: ${mb(size.ort)} MB`,
    `build_zipped: ${mb(size.zipped)} MB`,
  ];
  const over = [
    ...(size.unpacked > LIMITS.unpackedBytes ? [`unpacked ${mb(size.unpacked)} MB is over ${mb(LIMITS.unpackedBytes)} MB`] : []),
    ...(size.zipped > LIMITS.zippedBytes ? [`zipped ${mb(size.zipped)} MB is over ${mb(LIMITS.zippedBytes)} MB`] : []),
  ];
  return { lines, over };
}
