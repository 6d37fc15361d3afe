// The part of opentype.js the chart measurer uses. (@types/opentype.js pulls the DOM lib into the
// whole program, which breaks Node's fetch/FormData types elsewhere.)
declare module 'opentype.js' {
  export interface Font {
    getAdvanceWidth(text: string, fontSize: number, options?: { kerning?: boolean }): number;
  }
  export function parse(buffer: ArrayBuffer): Font;
  const opentype: { parse: typeof parse };
  export default opentype;
}
