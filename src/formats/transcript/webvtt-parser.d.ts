/** The part of webvtt-parser's API (W3C's webvtt.js) that webvtt.ts uses: the package ships no types. */
declare module "webvtt-parser" {
  export type CueNode =
    | { type: "text"; value: string }
    | { type: "timestamp"; value: number }
    | { type: "object"; name: string; classes?: string[]; value?: string; children: CueNode[] };
  export interface ParsedCue {
    id: string;
    startTime: number;
    endTime: number;
    text: string;
    tree: { children: CueNode[] };
  }
  export interface ParseError {
    message: string;
    /** 1-based line of the input. */
    line: number;
    col?: number;
  }
  export class WebVTTParser {
    constructor(entities?: Record<string, string>);
    parse(
      input: string,
      mode?: "metadata",
    ): { cues: ParsedCue[]; errors: ParseError[]; styles: string[] };
  }
  const webvtt: { WebVTTParser: typeof WebVTTParser };
  export default webvtt;
}
