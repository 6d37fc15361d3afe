import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import opentype, { type Font } from 'opentype.js';

/** The one font every chart uses: bundled, so labels look the same in the lab, in CI and in the image. */
export const FONT_FILE = join(__dirname, '../../assets/fonts/DejaVuSans-subset.ttf');
export const FONT_FAMILY = 'DejaVu Sans';

export interface TextMeasurer {
  /** Width in pixels of `text` set in a CSS font such as `bold 14px DejaVu Sans`. */
  width(text: string, cssFont: string): number;
}

const DEFAULT_SIZE_PX = 12;

/** The font file parsed once: the measurer and the glyph check share it (each parse costs memory). */
export function parseFont(file = FONT_FILE): Font {
  return opentype.parse(toArrayBuffer(readFileSync(file)));
}

/** Advance widths from the font's own metrics: what the rasterizer will draw, so legends fit. */
export function fontMeasurer(file = FONT_FILE, font: Font = parseFont(file)): TextMeasurer {
  const cache = new Map<string, number>();
  return {
    width(text, cssFont) {
      const size = Number(/(\d+(?:\.\d+)?)px/.exec(cssFont)?.[1] ?? DEFAULT_SIZE_PX);
      const bold = /\b(bold|[6-9]00)\b/.test(cssFont);
      const key = `${size}|${bold ? 'b' : ''}|${text}`;
      let width = cache.get(key);
      if (width === undefined) {
        // The bundled face is the regular one; synthetic bold is drawn a little wider.
        width = font.getAdvanceWidth(text, size, { kerning: true }) * (bold ? 1.08 : 1);
        if (cache.size > 5000) cache.clear();
        cache.set(key, width);
      }
      return width;
    },
  };
}

function toArrayBuffer(buffer: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(buffer.byteLength);
  new Uint8Array(copy).set(buffer);
  return copy;
}
