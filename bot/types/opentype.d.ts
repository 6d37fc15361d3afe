// The part of opentype.js the chart measurer and the glyph fallback use. (@types/opentype.js pulls the DOM lib into the
// whole program, which breaks Node's fetch/FormData types elsewhere.)
declare module 'opentype.js' {
  export interface Font {
    getAdvanceWidth(text: string, fontSize: number, options?: { kerning?: boolean }): number;
    /** 0 when the font has no glyph for the character. */
    charToGlyphIndex(char: string): number;
  }
  export function parse(buffer: ArrayBuffer): Font;
  const opentype: { parse: typeof parse };
  export default opentype;
}
