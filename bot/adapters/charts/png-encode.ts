import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * An opaque RGBA image (8 bits per channel, as resvg hands it over) as a PNG: rows unfiltered, deflated at
 * level 1. A chart is mostly flat colour, which compresses well without filters: measured on the bench
 * chart, 3.5 ms and 50 KB against 6.5 ms and 53 KB for resvg's own encoder (pngjs with the same settings:
 * 12 ms, its per-pixel packing in JavaScript). Deterministic: the same
 * pixels give the same bytes. resvg's pixels are premultiplied, which equals straight alpha only when
 * every pixel is opaque: the charts always paint a background first.
 */
export function encodePng(rgba: Buffer, width: number, height: number): Buffer {
  const stride = width * 4;
  if (rgba.length !== stride * height)
    throw new Error(`encodePng: ${rgba.length} bytes for ${width}x${height}`);
  const raw = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    raw[row] = 0; // filter type: none
    rgba.copy(raw, row + 1, y * stride, (y + 1) * stride);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  // compression, filter method, interlace: 0 (the only defined values, no interlace)
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
