import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { LIMITS, describeBuildSize, measureBuild } from '../../scripts/build-size';

describe('measureBuild', () => {
  it('sums the files, the models/ and ort/ folders, and estimates the ZIP from deflated sizes plus headers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qic-build-'));
    mkdirSync(join(dir, 'models'));
    mkdirSync(join(dir, 'ort'));
    const text = Buffer.from('quota invoice '.repeat(1000));
    const noise = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 2654435761) >>> 24));
    writeFileSync(join(dir, 'manifest.json'), text);
    writeFileSync(join(dir, 'models', 'det.onnx'), noise);
    writeFileSync(join(dir, 'ort', 'ort.wasm.br'), noise.subarray(0, 1000));
    const size = measureBuild(dir);
    expect(size.unpacked).toBe(text.length + 4000 + 1000);
    expect(size.models).toBe(4000);
    expect(size.ort).toBe(1000);
    const stored = (b: Buffer) => Math.min(b.length, deflateRawSync(b, { level: 9 }).length);
    const headers = 22 + 3 * 76 + 2 * ('manifest.json'.length + 'models/det.onnx'.length + 'ort/ort.wasm.br'.length);
    expect(size.zipped).toBe(stored(text) + stored(noise) + stored(noise.subarray(0, 1000)) + headers);
  });
});

describe('describeBuildSize', () => {
  const under = { unpacked: LIMITS.unpackedBytes, models: 0, ort: 0, zipped: LIMITS.zippedBytes };

  it('prints four name: value MB lines and finds nothing over at the limits themselves', () => {
    const { lines, over } = describeBuildSize(under);
    expect(lines).toEqual(['build_unpacked: 25.00 MB', 'build_models: 0.00 MB', 'build_onnxruntime: 0.00 MB', 'build_zipped: 12.00 MB']);
    expect(over).toEqual([]);
  });

  it('names each limit a build is over by one byte', () => {
    expect(describeBuildSize({ ...under, unpacked: LIMITS.unpackedBytes + 1 }).over).toEqual(['unpacked 25.00 MB is over 25.00 MB']);
    expect(describeBuildSize({ ...under, zipped: LIMITS.zippedBytes + 1 }).over).toEqual(['zipped 12.00 MB is over 12.00 MB']);
  });
});
