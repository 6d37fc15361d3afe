// The chart PNG encoder: what it writes decodes (pngjs, an independent decoder) to exactly the pixels given.
import { PNG } from 'pngjs';
import { encodePng } from '../../../bot/adapters/charts/png-encode';

const image = (width: number, height: number) => {
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    // Opaque, with rows and columns that differ, so a row written in the wrong place shows.
    rgba.writeUInt32BE(((Math.imul(i, 2654435761) & 0xffffff00) | 0xff) >>> 0, i * 4);
  }
  return rgba;
};

it.each([
  [1, 1],
  [7, 3],
  [800, 400],
])('%ix%i decodes to the same pixels, and the same pixels encode to the same bytes', (width, height) => {
  const rgba = image(width, height);
  const png = encodePng(rgba, width, height);
  const decoded = PNG.sync.read(png);
  expect([decoded.width, decoded.height]).toEqual([width, height]);
  expect(Buffer.compare(decoded.data, rgba)).toBe(0);
  expect(Buffer.compare(encodePng(Buffer.from(rgba), width, height), png)).toBe(0);
});

it('refuses pixels that do not fill the size', () => {
  expect(() => encodePng(Buffer.alloc(10), 2, 2)).toThrow(/10 bytes for 2x2/);
});
