/**
 * Test PDFs made at test time, with no browser and no PDF library: Node's zlib + crypto and pngjs
 * (already a devDependency).
 *
 *   imagesPdf([png1, png2])                       → one page per PNG, like a scanned invoice
 *   imagesPdf([png1], { userPassword: 'secret' }) → same, RC4-40 encrypted (pdf.js → PasswordException)
 *   cjkTextPdf('发票')                            → text in the non-embedded STSong-Light font with the
 *                                                   UniGB-UCS2-H CMap (needs pdf.js's cMaps to render)
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';

type Obj = { dict: string; stream?: Buffer };

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

const padPassword = (pw: string) => Buffer.concat([Buffer.from(pw, 'latin1'), PAD]).subarray(0, 32);

/** Serialises objects 1..n (object 1 must be the catalog); encrypts streams with the standard handler R2 when asked. */
function writePdf(objects: Obj[], userPassword?: string): Buffer {
  const id = createHash('md5').update(String(objects.length)).digest();
  let key: Buffer | undefined;
  let encryptDict = '';
  if (userPassword !== undefined) {
    const P = -44; // all permissions but the reserved bits
    const O = rc4(md5(padPassword(`${userPassword}-owner`)).subarray(0, 5), padPassword(userPassword));
    const p = Buffer.alloc(4);
    p.writeInt32LE(P);
    key = md5(padPassword(userPassword), O, p, id).subarray(0, 5);
    const U = rc4(key, PAD);
    encryptDict = `<< /Filter /Standard /V 1 /R 2 /Length 40 /P ${P} /O <${O.toString('hex')}> /U <${U.toString('hex')}> >>`;
  }
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]!.length;
  const push = (b: Buffer) => {
    chunks.push(b);
    length += b.length;
  };
  const offsets: number[] = [];
  const all = encryptDict ? [...objects, { dict: encryptDict }] : objects;
  all.forEach((obj, i) => {
    const num = i + 1;
    offsets.push(length);
    let stream = obj.stream;
    if (stream && key) {
      const objKey = md5(key, Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0])).subarray(0, 10);
      stream = rc4(objKey, stream);
    }
    const dict = stream ? obj.dict.replace(/>>\s*$/, ` /Length ${stream.length} >>`) : obj.dict;
    push(Buffer.from(`${num} 0 obj\n${dict}\n`, 'latin1'));
    if (stream) push(Buffer.concat([Buffer.from('stream\n'), stream, Buffer.from('\nendstream\n')]));
    push(Buffer.from('endobj\n'));
  });
  const xref = length;
  const rows = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  const encryptRef = encryptDict ? ` /Encrypt ${all.length} 0 R` : '';
  push(
    Buffer.from(
      `xref\n0 ${all.length + 1}\n0000000000 65535 f \n${rows}` +
        `trailer\n<< /Size ${all.length + 1} /Root 1 0 R${encryptRef} /ID [<${id.toString('hex')}> <${id.toString('hex')}>] >>\n` +
        `startxref\n${xref}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(chunks);
}

/** One page per PNG (RGB, alpha dropped), each page the image's size at 96 dpi. */
export function imagesPdf(pngs: Buffer[], opts: { userPassword?: string } = {}): Buffer {
  const objects: Obj[] = [{ dict: '' }, { dict: '' }]; // 1 catalog, 2 pages: filled in below
  const kids: number[] = [];
  for (const file of pngs) {
    const png = PNG.sync.read(file);
    const rgb = Buffer.alloc(png.width * png.height * 3);
    for (let i = 0, j = 0; i < png.data.length; i += 4, j += 3) png.data.copy(rgb, j, i, i + 3);
    const [w, h] = [png.width * 0.75, png.height * 0.75];
    const img = objects.push({
      dict: `<< /Type /XObject /Subtype /Image /Width ${png.width} /Height ${png.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode >>`,
      stream: deflateSync(rgb),
    });
    const content = objects.push({ dict: '<< >>', stream: Buffer.from(`q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`) });
    kids.push(
      objects.push({
        dict: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 ${img} 0 R >> >> /Contents ${content} 0 R >>`,
      }),
    );
  }
  objects[0] = { dict: '<< /Type /Catalog /Pages 2 0 R >>' };
  objects[1] = { dict: `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>` };
  return writePdf(objects, opts.userPassword);
}

/** A4 page with `text` (BMP characters) in non-embedded STSong-Light, encoding UniGB-UCS2-H. */
export function cjkTextPdf(text: string): Buffer {
  const hex = [...text].map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0')).join('');
  return writePdf([
    { dict: '<< /Type /Catalog /Pages 2 0 R >>' },
    { dict: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    { dict: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>' },
    { dict: '<< >>', stream: Buffer.from(`BT /F1 48 Tf 60 700 Td <${hex}> Tj ET`) },
    { dict: '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>' },
    {
      dict: '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>',
    },
    {
      dict: '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    },
  ]);
}
