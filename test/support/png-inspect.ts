import { PNG } from 'pngjs';

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA at (x, y). */
  pixel(x: number, y: number): [number, number, number, number];
}

export function decodePng(bytes: Buffer): DecodedPng {
  const png = PNG.sync.read(bytes);
  return {
    width: png.width,
    height: png.height,
    pixel(x, y) {
      const i = (y * png.width + x) * 4;
      return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!];
    },
  };
}

const hex = (color: string): [number, number, number] => [
  parseInt(color.slice(1, 3), 16),
  parseInt(color.slice(3, 5), 16),
  parseInt(color.slice(5, 7), 16),
];

/** Pixels in a rectangle that differ from the background by more than anti-aliasing noise. */
export function inkIn(
  png: DecodedPng,
  rect: { x: number; y: number; w: number; h: number },
  background: string,
): number {
  const bg = hex(background);
  let ink = 0;
  for (let y = rect.y; y < Math.min(png.height, rect.y + rect.h); y++)
    for (let x = rect.x; x < Math.min(png.width, rect.x + rect.w); x++) {
      const [r, g, b] = png.pixel(x, y);
      if (Math.abs(r - bg[0]) + Math.abs(g - bg[1]) + Math.abs(b - bg[2]) > 60) ink++;
    }
  return ink;
}

/** Pixels in a rectangle close to one colour (e.g. a series colour, or the text colour). */
export function pixelsNear(
  png: DecodedPng,
  rect: { x: number; y: number; w: number; h: number },
  color: string,
  tolerance = 40,
): number {
  const c = hex(color);
  let count = 0;
  for (let y = rect.y; y < Math.min(png.height, rect.y + rect.h); y++)
    for (let x = rect.x; x < Math.min(png.width, rect.x + rect.w); x++) {
      const [r, g, b] = png.pixel(x, y);
      if (Math.abs(r - c[0]) + Math.abs(g - c[1]) + Math.abs(b - c[2]) <= tolerance) count++;
    }
  return count;
}

/** Pixels with colour in them (channels apart by more than 40): series, not the grey grid or text. */
export function colouredIn(png: DecodedPng, rect: { x: number; y: number; w: number; h: number }): number {
  let count = 0;
  for (let y = rect.y; y < Math.min(png.height, rect.y + rect.h); y++)
    for (let x = rect.x; x < Math.min(png.width, rect.x + rect.w); x++) {
      const [r, g, b] = png.pixel(x, y);
      if (Math.max(r, g, b) - Math.min(r, g, b) > 40) count++;
    }
  return count;
}
