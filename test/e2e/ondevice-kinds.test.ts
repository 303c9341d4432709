/**
 * The on-device engine (Node build, real models) on what the generator learned from real photos:
 * quota invoices with every variant at once (dot-matrix figure with a lost point, seal over the
 * code, a seller seal with its tax number, English sub-labels, folds), photographed turned a
 * quarter; and one of each other kind of paper, which must be refused naming its kind.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { OtherKind } from '../../lib/invoice/kind';
import type { OcrEngine } from '../../lib/ondevice/engine';
import { readQuotaInvoice } from '../../lib/ondevice/read-invoice';
import { decodeImage, nodeEngine } from '../support/ondevice-node';
import { makeOtherSpec, OTHER_KINDS } from '../synth/other-kinds';
import { renderInvoices, renderOthers } from '../synth/render';
import { makeInvoiceSpec, turnPhoto } from '../synth/spec';

const fields = (r: Record<string, unknown>) => ({ number: r.number, code: r.code, location: r.location, amount: r.amount });

let engine: OcrEngine;
beforeAll(async () => {
  engine = await nodeEngine();
});

describe('quota invoices with every real-photo variant', () => {
  // A vertical and a horizontal slip (the seed decides the layout), clean and photographed turned.
  const seeds = [7, 8];
  const cases: { name: string; image: Uint8Array; truth: Record<string, string> }[] = [];
  beforeAll(async () => {
    const specs = seeds.map((seed) => makeInvoiceSpec(seed, { variants: 'all', photo: true }));
    const clean = await renderInvoices(specs, { format: 'png' });
    const turned = await renderInvoices(specs.map((s, i) => turnPhoto(s, i % 2 ? 270 : 90)), { format: 'jpeg', photo: true });
    specs.forEach((spec, i) => {
      cases.push({ name: `seed ${spec.seed} clean`, image: new Uint8Array(clean[i]!), truth: { ...spec.truth } });
      cases.push({ name: `seed ${spec.seed} photographed turned ${i % 2 ? 270 : 90}°`, image: new Uint8Array(turned[i]!), truth: { ...spec.truth } });
    });
  });

  it.each(seeds.flatMap((seed) => [`seed ${seed} clean`, `seed ${seed} photographed turned ${seeds.indexOf(seed) % 2 ? 270 : 90}°`]))('%s', async (name) => {
    const sample = cases.find((c) => c.name === name)!;
    const outcome = await readQuotaInvoice(engine, decodeImage(sample.image)!);
    expect(outcome.ok && fields(outcome.result)).toEqual(sample.truth);
  });
});

describe('other kinds of paper are refused, naming their kind', () => {
  const images = new Map<OtherKind, Uint8Array>();
  beforeAll(async () => {
    const specs = OTHER_KINDS.map((kind, i) => makeOtherSpec(500 + i, { kind, photo: true }));
    const rendered = await renderOthers(specs, { format: 'jpeg', photo: true });
    specs.forEach((spec, i) => images.set(spec.kind, new Uint8Array(rendered[i]!)));
  });

  it.each(OTHER_KINDS)('%s', async (kind) => {
    const outcome = await readQuotaInvoice(engine, decodeImage(images.get(kind)!)!);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'AIS.0104', documentKind: kind } });
  });
});
