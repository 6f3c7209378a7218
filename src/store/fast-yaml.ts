/**
 * A fast reader for the small YAML subset front matter is written in: a block mapping of plain
 * keys whose values are scalars, single-line flow collections, block sequences of those, nested
 * block mappings and literal block scalars (`|`, `|-`). It returns `undefined` ("not sure") for
 * anything else, and the caller then uses the full `yaml` parser, so the result is always what
 * `yaml` (YAML 1.2 core schema) gives. Why: `yaml` needs ~140 µs per front matter, which makes a
 * 20,000-paper library take seconds to load; this takes a few µs. Differential tests keep the two
 * in step.
 */

export interface FastYamlResult {
  data: unknown;
  /** Dotted path (`links.0.url`) → 1-based line within the YAML text. */
  lines: Record<string, number>;
}

/** An internal signal, caught below (the full YAML parser takes over): never reaches a user. */
class NotSimple extends Error {}
const bail = (): never => {
  throw new NotSimple();
};

/** Nesting the fast reader follows; deeper documents go to `yaml` (and its depth check). */
const MAX_FAST_DEPTH = 16;

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?=$| )/;
const RESERVED_KEYS = new Set([
  "null",
  "Null",
  "NULL",
  "true",
  "True",
  "TRUE",
  "false",
  "False",
  "FALSE",
]);
const COMMENT_OR_BLANK = /^ *(?:#.*)?$/;
const TRAILER = /^(?: *| +#.*)$/;
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

/** Resolves a plain scalar exactly as `yaml`'s core schema does. */
export function resolvePlainScalar(text: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(text)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(text)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(text)) return false;
  if (/^0o[0-7]+$/.test(text)) return Number.parseInt(text.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return Number.parseInt(text.slice(2), 16);
  if (/^[-+]?[0-9]+$/.test(text)) return Number.parseInt(text, 10);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text)) {
    if (text.slice(-3).toLowerCase() === "nan") return Number.NaN;
    return text.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(text)) {
    return Number.parseFloat(text);
  }
  return text;
}

const ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Reads a scalar or flow collection starting at `pos` of a single line; returns value and end. */
function readInline(line: string, pos: number, flow: boolean, depth = 0): [unknown, number] {
  const c = line[pos];
  if (c === '"') {
    const close = line.indexOf('"', pos + 1);
    const slash = line.indexOf("\\", pos + 1);
    if (close !== -1 && (slash === -1 || slash > close))
      return [line.slice(pos + 1, close), close + 1];
    let out = "";
    let i = pos + 1;
    for (;;) {
      const ch = line[i];
      if (ch === undefined) return bail();
      if (ch === '"') return [out, i + 1];
      if (ch === "\\") {
        const esc = line[i + 1] ?? bail();
        const hex = HEX_LENGTH[esc];
        if (hex !== undefined) {
          const digits = line.slice(i + 2, i + 2 + hex);
          if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hex) return bail();
          out += String.fromCodePoint(Number.parseInt(digits, 16));
          i += 2 + hex;
        } else {
          out += ESCAPES[esc] ?? bail();
          i += 2;
        }
      } else {
        out += ch;
        i++;
      }
    }
  }
  if (c === "'") {
    const close = line.indexOf("'", pos + 1);
    if (close !== -1 && line[close + 1] !== "'") return [line.slice(pos + 1, close), close + 1];
    let out = "";
    let i = pos + 1;
    for (;;) {
      const ch = line[i];
      if (ch === undefined) return bail();
      if (ch === "'") {
        if (line[i + 1] !== "'") return [out, i + 1];
        out += "'";
        i += 2;
      } else {
        out += ch;
        i++;
      }
    }
  }
  if (c === "[" || c === "{") {
    // Deeper flow collections go to `yaml` and its depth check, not into a stack overflow here.
    return depth >= MAX_FAST_DEPTH ? bail() : readFlowCollection(line, pos, depth + 1);
  }
  // A plain scalar.
  const rest = line.slice(pos);
  if (rest === "" || INDICATOR_START.test(rest)) return bail();
  let end = flow ? rest.search(/[,[\]{}]/) : rest.length;
  if (end === -1) end = rest.length;
  // Only up to `end`: searching the whole rest of the line for each item of a long flow
  // sequence made `[1,1,1,…]` quadratic.
  const hash = rest.slice(0, end).indexOf(" #");
  if (hash !== -1 && hash < end) {
    if (flow) return bail();
    end = hash;
  }
  const text = rest.slice(0, end).trimEnd();
  if (text === "" || text.includes(": ") || text.endsWith(":") || text.includes(" #")) {
    return bail();
  }
  return [resolvePlainScalar(text), pos + end];
}

function skipSpaces(line: string, pos: number): number {
  let i = pos;
  while (line[i] === " ") i++;
  return i;
}

function readFlowCollection(line: string, start: number, depth: number): [unknown, number] {
  const isSeq = line[start] === "[";
  const close = isSeq ? "]" : "}";
  const seq: unknown[] = [];
  const map: Record<string, unknown> = {};
  let i = skipSpaces(line, start + 1);
  for (;;) {
    if (line[i] === close) return [isSeq ? seq : map, i + 1];
    if (isSeq) {
      const [value, end] = readInline(line, i, true, depth);
      seq.push(value);
      i = end;
    } else {
      const key = KEY.exec(line.slice(i));
      if (!key?.[1] || RESERVED_KEYS.has(key[1]) || key[1] in map) return bail();
      i = skipSpaces(line, i + key[0].length);
      const [value, end] = readInline(line, i, true, depth);
      map[key[1]] = value;
      i = end;
    }
    i = skipSpaces(line, i);
    if (line[i] === ",") i = skipSpaces(line, i + 1);
    else if (line[i] !== close) return bail();
  }
}

/** Value on the rest of a line: scalar or flow collection, then only spaces or a comment. */
function readLineValue(line: string, pos: number): unknown {
  const [value, end] = readInline(line, pos, false);
  if (!TRAILER.test(line.slice(end))) return bail();
  return value;
}

const indentOf = (line: string): number => line.length - line.trimStart().length;

class BlockReader {
  i = 0;
  private depth = 0;
  readonly lines: Record<string, number> = {};
  constructor(private readonly src: string[]) {}

  /** Index of the next line that is not blank or a comment, or src.length. */
  nextContent(from: number): number {
    let j = from;
    while (j < this.src.length && COMMENT_OR_BLANK.test(this.src[j] ?? "")) j++;
    return j;
  }

  readMap(indent: number, prefix: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (;;) {
      this.i = this.nextContent(this.i);
      const line = this.src[this.i];
      if (line === undefined) return out;
      const lineIndent = indentOf(line);
      if (lineIndent < indent) return out;
      if (lineIndent > indent) return bail();
      const key = KEY.exec(line.slice(indent));
      if (!key?.[1] || RESERVED_KEYS.has(key[1]) || Object.hasOwn(out, key[1])) return bail();
      const path = prefix + key[1];
      this.lines[path] = this.i + 1;
      const valuePos = skipSpaces(line, indent + key[0].length);
      const rest = line.slice(valuePos);
      if (rest === "" || rest.startsWith("#")) {
        out[key[1]] = this.readNested(indent, `${path}.`);
      } else if (rest[0] === "|") {
        out[key[1]] = this.readLiteral(indent, rest);
      } else {
        out[key[1]] = readLineValue(line, valuePos);
        this.i++;
        this.refuseDeeper(indent);
      }
    }
  }

  /** The block under `key:` with nothing after it: a sequence, a mapping, or null. */
  private readNested(indent: number, prefix: string): unknown {
    const j = this.nextContent(this.i + 1);
    const line = this.src[j];
    if (line === undefined) {
      this.i = j;
      return null;
    }
    const childIndent = indentOf(line);
    const isItem = /^- |^-$/.test(line.slice(childIndent));
    if (childIndent < indent || (childIndent === indent && !isItem)) {
      this.i = j;
      return null;
    }
    this.i = j;
    if (++this.depth > MAX_FAST_DEPTH) return bail();
    const value = isItem ? this.readSeq(childIndent, prefix) : this.readMap(childIndent, prefix);
    this.depth--;
    return value;
  }

  private readSeq(indent: number, prefix: string): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      this.i = this.nextContent(this.i);
      const line = this.src[this.i];
      if (line === undefined || indentOf(line) !== indent) return out;
      const content = line.slice(indent);
      if (!content.startsWith("- ")) {
        if (content === "-") return bail();
        return out;
      }
      const valuePos = skipSpaces(line, indent + 2);
      const rest = line.slice(valuePos);
      if (rest === "" || rest.startsWith("#") || KEY.test(rest)) return bail();
      this.lines[prefix + out.length] = this.i + 1;
      out.push(readLineValue(line, valuePos));
      this.i++;
      this.refuseDeeper(indent);
    }
  }

  /** A literal block scalar (`|` or `|-`) under a key at `indent`. */
  private readLiteral(indent: number, header: string): string {
    const m = /^\|(-?)(?: +#.*| *)$/.exec(header);
    if (!m) return bail();
    const strip = m[1] === "-";
    const body: string[] = [];
    let blockIndent = -1;
    let j = this.i + 1;
    for (; j < this.src.length; j++) {
      const line = this.src[j] ?? "";
      if (line === "") {
        if (blockIndent === -1) return bail();
        body.push("");
        continue;
      }
      const lineIndent = indentOf(line);
      if (lineIndent === line.length) return bail(); // a line of only spaces
      if (blockIndent === -1) {
        if (lineIndent <= indent) break;
        blockIndent = lineIndent;
      }
      if (lineIndent < blockIndent) {
        if (lineIndent > indent) return bail();
        break;
      }
      body.push(line.slice(blockIndent));
    }
    this.i = j;
    while (body.length > 0 && body[body.length - 1] === "") body.pop();
    if (body.length === 0) return "";
    return body.join("\n") + (strip ? "" : "\n");
  }

  /** After a one-line value, a more indented content line would continue it: not simple. */
  private refuseDeeper(indent: number): void {
    const j = this.nextContent(this.i);
    const line = this.src[j];
    if (line !== undefined && indentOf(line) > indent) bail();
  }
}

/**
 * Parses `text` when it is a simple block mapping (or empty); `undefined` means "use `yaml`".
 * @example fastParseYamlMap("short: ResNet\nyear: 2015\n")?.data // { short: "ResNet", year: 2015 }
 */
export function fastParseYamlMap(text: string): FastYamlResult | undefined {
  if (/[\t\r\uFEFF]/.test(text) || /^(?:%|---|\.\.\.)/m.test(text)) return undefined;
  const src = text.split("\n");
  const reader = new BlockReader(src);
  try {
    if (reader.nextContent(0) >= src.length) return { data: null, lines: {} };
    const data = reader.readMap(0, "");
    if (reader.nextContent(reader.i) < src.length) return undefined;
    return { data, lines: reader.lines };
  } catch (err) {
    if (err instanceof NotSimple) return undefined;
    throw err;
  }
}
