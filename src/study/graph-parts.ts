/**
 * What the byte reader's index is made of (graph-read.ts), as typed arrays and a little JSON:
 * the id table, the numbering, the index's arrays, the paper lines' bytes and the lists' fetch
 * states. `indexFromParts` makes the index and its graph view of them; `encodeGraphParts` /
 * `decodeGraphParts` keep them as one file (workspace writes it to `.jingdu/`, a cache derived
 * from `metadata/citation-graph.jsonl` and stamped with it), so a second read of an unchanged
 * graph maps arrays instead of parsing 500 MB of JSON lines. Pure: bytes in and out, no I/O.
 */
import {
  type CitationGraphProblem,
  type CitationGraphView,
  type GraphFetchState,
  type GraphPaper,
  readCitationGraphLine,
} from "../core/index.js";
import { IdTable, type IdTableState, textOf } from "./graph-bytes.js";
import type { GraphIndex } from "./graph-index.js";

export interface GraphParts {
  ids: IdTableState;
  /** Id number → number in order of appearance (−1: in no list), and back. */
  appearance: Int32Array;
  idAt: Int32Array;
  byAppearance: Int32Array;
  start: Int32Array;
  adj: Int32Array;
  refs: { owner: Int32Array; offset: Int32Array; entry: Int32Array; of: Int32Array };
  cits: { owner: Int32Array; offset: Int32Array; entry: Int32Array; of: Int32Array };
  /** Per id: where its paper line's bytes are in `paperBytes` (−1: read slowly, in `slowPapers`; −2: none). */
  paperAt: Float64Array;
  paperLength: Int32Array;
  paperBytes: Uint8Array[];
  /** Start of each of `paperBytes` in the whole (`paperAt` counts over them end to end). */
  paperBlockStart: number[];
  /** Ids with a paper line, in the order first met. */
  paperOrder: Int32Array;
  slowPapers: [number, GraphPaper][];
  /** The fetch state of list p (references and citations lists share numbers). */
  states: GraphFetchState[];
  problems: CitationGraphProblem[];
}

/** The index and its graph view over the parts. */
export function indexFromParts(parts: GraphParts): GraphIndex {
  const ids = IdTable.from(parts.ids);
  const { appearance, idAt, byAppearance } = parts;
  const n = idAt.length;
  const appearanceAt = new Int32Array(n);
  for (let i = 0; i < n; i++) appearanceAt[byAppearance[i] as number] = i;
  const nodeOf = (s2: string) => {
    const id = ids.find(s2);
    const a = id < 0 ? -1 : (appearance[id] as number);
    return a < 0 ? -1 : (byAppearance[a] as number);
  };
  const idOf = (v: number) => ids.text(idAt[appearanceAt[v] as number] as number);
  const slow = new Map(parts.slowPapers);
  const paper = (id: number): GraphPaper | undefined => {
    const at = parts.paperAt[id] as number;
    if (at === -2) return undefined;
    if (at === -1) return slow.get(id);
    let block = parts.paperBlockStart.length - 1;
    while ((parts.paperBlockStart[block] as number) > at) block--;
    const from = at - (parts.paperBlockStart[block] as number);
    const text = textOf(
      parts.paperBytes[block] as Uint8Array,
      from,
      from + (parts.paperLength[id] as number),
    );
    const read = readCitationGraphLine(text);
    return "paper" in read ? read.paper : undefined;
  };
  const listOf = (s2: string, l: GraphParts["refs"]): string[] | undefined => {
    const v = nodeOf(s2);
    const p = v < 0 ? -1 : (l.of[v] as number);
    if (p < 0) return undefined;
    const out: string[] = [];
    for (let k = l.offset[p] as number; k < (l.offset[p + 1] as number); k++) {
      out.push(idOf(l.entry[k] as number));
    }
    return out;
  };
  const lists = parts.refs.owner.length;
  const order = parts.paperOrder;
  const graph: CitationGraphView = {
    papers: {
      size: order.length,
      get: (s2) => {
        const id = ids.find(s2);
        return id < 0 ? undefined : paper(id);
      },
      *values() {
        for (const id of order) {
          const p = paper(id);
          if (p) yield p;
        }
      },
    },
    references: { size: lists, get: (s2) => listOf(s2, parts.refs) },
    citations: { size: lists, get: (s2) => listOf(s2, parts.cits) },
    fetched: {
      size: lists,
      get: (s2) => {
        const v = nodeOf(s2);
        const p = v < 0 ? -1 : (parts.refs.of[v] as number);
        return p < 0 ? undefined : parts.states[p];
      },
    },
  };
  return {
    graph,
    nodes: n,
    nodeOf,
    idOf,
    byAppearance,
    start: parts.start,
    adj: parts.adj,
    refs: parts.refs,
    cits: parts.cits,
  };
}

const none = new Int32Array(0);
const EMPTY_LISTS = { owner: none, offset: none, entry: none, of: none };
/** Parts with no array in them: `arraysOf` of it names the arrays every file must have. */
const EMPTY_PARTS: GraphParts = {
  ids: {
    counts: [],
    bytes: new Uint8Array(0),
    start: none,
    hash: none,
    slots: none,
    hex: none,
    hexAt: none,
  },
  appearance: none,
  idAt: none,
  byAppearance: none,
  start: none,
  adj: none,
  refs: EMPTY_LISTS,
  cits: EMPTY_LISTS,
  paperAt: new Float64Array(0),
  paperLength: none,
  paperBytes: [],
  paperBlockStart: [],
  paperOrder: none,
  slowPapers: [],
  states: [],
  problems: [],
};

const MAGIC = "jingdu-graph-index";

type ArrayName = [string, Int32Array | Float64Array | Uint8Array];

function arraysOf(p: GraphParts): ArrayName[] {
  const list: ArrayName[] = [
    ["ids.bytes", p.ids.bytes],
    ["ids.start", p.ids.start],
    ["ids.hash", p.ids.hash],
    ["ids.slots", p.ids.slots],
    ["ids.hex", p.ids.hex],
    ["ids.hexAt", p.ids.hexAt],
    ["appearance", p.appearance],
    ["idAt", p.idAt],
    ["byAppearance", p.byAppearance],
    ["start", p.start],
    ["adj", p.adj],
    ["paperAt", p.paperAt],
    ["paperLength", p.paperLength],
    ["paperOrder", p.paperOrder],
  ];
  for (const l of ["refs", "cits"] as const) {
    for (const k of ["owner", "offset", "entry", "of"] as const) list.push([`${l}.${k}`, p[l][k]]);
  }
  p.paperBytes.forEach((b, k) => {
    list.push([`paperBytes.${k}`, b]);
  });
  return list;
}

/**
 * The parts as one file's pieces (write them in order): a JSON header line naming `stamp` (what
 * identifies the JSONL they were read from) and each array's type, offset and length, then the
 * arrays, each at a multiple of 8 bytes.
 */
export function encodeGraphParts(parts: GraphParts, stamp: string): Uint8Array[] {
  const arrays = arraysOf(parts);
  let at = 0;
  const table = arrays.map(([name, a]) => {
    const entry = { name, type: a.constructor.name, at, length: a.length };
    at += Math.ceil(a.byteLength / 8) * 8;
    return entry;
  });
  const json = {
    magic: MAGIC,
    stamp,
    counts: parts.ids.counts,
    paperBlockStart: parts.paperBlockStart,
    slowPapers: parts.slowPapers,
    states: parts.states,
    problems: parts.problems,
    arrays: table,
  };
  const head = new TextEncoder().encode(JSON.stringify(json));
  // The header's length (8 bytes), the header padded to 8, then the arrays padded to 8.
  const size = new Uint8Array(8);
  new DataView(size.buffer).setFloat64(0, head.length, true);
  const out: Uint8Array[] = [size, head, new Uint8Array((8 - (head.length % 8)) % 8)];
  for (const [, a] of arrays) {
    out.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    out.push(new Uint8Array((8 - (a.byteLength % 8)) % 8));
  }
  return out;
}

/**
 * The parts kept in `bytes` when they were kept with this `stamp`; undefined when not (another
 * stamp, a torn or foreign file: read the JSONL again). The caller's stamp names both the JSONL
 * read and the code that read it (workspace/citation-graph-index.ts), so no version is kept here.
 * The arrays are views on `bytes` (no copy), whose offset must be a multiple of 8.
 */
export function decodeGraphParts(bytes: Uint8Array, stamp: string): GraphParts | undefined {
  if (bytes.length < 8 || bytes.byteOffset % 8 !== 0) return undefined;
  const headLength = new DataView(bytes.buffer, bytes.byteOffset, 8).getFloat64(0, true);
  if (!Number.isInteger(headLength) || headLength <= 0 || 8 + headLength > bytes.length) {
    return undefined;
  }
  let json: {
    magic: string;
    stamp: string;
    counts: number[];
    paperBlockStart: number[];
    slowPapers: [number, GraphPaper][];
    states: GraphFetchState[];
    problems: CitationGraphProblem[];
    arrays: { name: string; type: string; at: number; length: number }[];
  };
  try {
    json = JSON.parse(textOf(bytes, 8, 8 + headLength));
  } catch {
    // A torn or foreign file: the caller reads the JSONL again, which loses nothing.
    return undefined;
  }
  if (json.magic !== MAGIC || json.stamp !== stamp) return undefined;
  const base = 8 + Math.ceil(headLength / 8) * 8;
  const kinds = { Int32Array, Float64Array, Uint8Array } as const;
  const got = new Map<string, Int32Array | Float64Array | Uint8Array>();
  for (const a of json.arrays) {
    const Kind = kinds[a.type as keyof typeof kinds];
    if (!Kind) return undefined;
    const from = bytes.byteOffset + base + a.at;
    if (base + a.at + a.length * Kind.BYTES_PER_ELEMENT > bytes.length) return undefined;
    got.set(a.name, new Kind(bytes.buffer as ArrayBuffer, from, a.length));
  }
  const wanted = arraysOf(EMPTY_PARTS).map(([name]) => name);
  const blocks = json.paperBlockStart.map((_, k) => `paperBytes.${k}`);
  if (![...wanted, ...blocks].every((name) => got.has(name))) return undefined;
  const i32 = (name: string) => got.get(name) as Int32Array;
  const lists = (l: string) => ({
    owner: i32(`${l}.owner`),
    offset: i32(`${l}.offset`),
    entry: i32(`${l}.entry`),
    of: i32(`${l}.of`),
  });
  return {
    ids: {
      counts: json.counts,
      bytes: got.get("ids.bytes") as Uint8Array,
      start: i32("ids.start"),
      hash: i32("ids.hash"),
      slots: i32("ids.slots"),
      hex: i32("ids.hex"),
      hexAt: i32("ids.hexAt"),
    },
    appearance: i32("appearance"),
    idAt: i32("idAt"),
    byAppearance: i32("byAppearance"),
    start: i32("start"),
    adj: i32("adj"),
    refs: lists("refs"),
    cits: lists("cits"),
    paperAt: got.get("paperAt") as Float64Array,
    paperLength: i32("paperLength"),
    paperBytes: json.paperBlockStart.map((_, k) => got.get(`paperBytes.${k}`) as Uint8Array),
    paperBlockStart: json.paperBlockStart,
    paperOrder: i32("paperOrder"),
    slowPapers: json.slowPapers,
    states: json.states,
    problems: json.problems,
  };
}
