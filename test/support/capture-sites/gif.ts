/**
 * Minimal GIF89a encoder, because Chromium's canvas cannot encode GIF (toBlob('image/gif') falls
 * back to PNG). Colours go to a fixed 6×7×6 cube (no dithering: the invoices are mostly flat ink
 * on paper). The LZW stream holds only literal 9-bit codes with a clear code every 250 pixels, so
 * the decoder's table never reaches 512 entries and the code size never grows: valid, just
 * uncompressed (~1.1 bytes per pixel).
 */
export function encodeGif(width: number, height: number, rgba: Uint8Array): Buffer {
  const palette = new Uint8Array(256 * 3);
  for (let r = 0; r < 6; r++)
    for (let g = 0; g < 7; g++)
      for (let b = 0; b < 6; b++) {
        const i = ((r * 7 + g) * 6 + b) * 3;
        palette[i] = Math.round((r * 255) / 5);
        palette[i + 1] = Math.round((g * 255) / 6);
        palette[i + 2] = Math.round((b * 255) / 5);
      }

  const pixels = width * height;
  const CLEAR = 256;
  const END = 257;
  const codes = pixels + Math.ceil(pixels / 250) + 2;
  const lzw = new Uint8Array(Math.ceil((codes * 9) / 8) + 1);
  let length = 0;
  let acc = 0;
  let bits = 0;
  const put = (code: number): void => {
    acc |= code << bits;
    bits += 9;
    while (bits >= 8) {
      lzw[length++] = acc & 0xff;
      acc >>>= 8;
      bits -= 8;
    }
  };
  put(CLEAR);
  for (let p = 0; p < pixels; p++) {
    if (p > 0 && p % 250 === 0) put(CLEAR);
    const o = p * 4;
    const r = Math.round((rgba[o] * 5) / 255);
    const g = Math.round((rgba[o + 1] * 6) / 255);
    const b = Math.round((rgba[o + 2] * 5) / 255);
    put((r * 7 + g) * 6 + b);
  }
  put(END);
  if (bits > 0) lzw[length++] = acc & 0xff;

  // Image data is split into sub-blocks of at most 255 bytes, each prefixed by its length.
  const blocks = Math.ceil(length / 255);
  const header = Buffer.alloc(13 + 768 + 10 + 1);
  header.write('GIF89a', 0, 'latin1');
  header.writeUInt16LE(width, 6);
  header.writeUInt16LE(height, 8);
  header[10] = 0xf7; // global colour table, 8-bit colour resolution, 256 entries
  header.set(palette, 13);
  let o = 13 + 768;
  header[o++] = 0x2c; // image descriptor at (0,0), full size, no local table
  o += 4;
  header.writeUInt16LE(width, o);
  header.writeUInt16LE(height, o + 2);
  o += 5;
  header[o] = 8; // LZW minimum code size
  const data = Buffer.alloc(length + blocks + 2);
  let d = 0;
  for (let i = 0; i < length; i += 255) {
    const n = Math.min(255, length - i);
    data[d++] = n;
    data.set(lzw.subarray(i, i + n), d);
    d += n;
  }
  data[d++] = 0; // block terminator
  data[d++] = 0x3b; // trailer
  return Buffer.concat([header, data]);
}
