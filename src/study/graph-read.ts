/**
 * The stored citation graph (`metadata/citation-graph.jsonl`, src/core/citation-graph.ts) read
 * as bytes straight into its index (issue 19): chunks in, line by line, never the whole file as
 * one string (10M edges are past V8's longest string). Ids are numbered by their bytes while
 * reading (graph-bytes.ts' `IdTable`), list entries go into a typed array, and a paper line is
 * checked as JSON and kept as bytes, parsed only when a page or the ranking asks for that paper.
 *
 * A line the fast path does not take exactly as the writer writes it (spaces, escapes in an id,
 * keys in another order, anything odd) is decoded and read by core's `readCitationGraphLine`,
 * the one definition of a valid line; so the index is the one `indexCitationGraph` builds from
 * `parseCitationGraph` of the same text, and the problems are the same lines with the same
 * messages (graph-read.test.ts compares them over random files and mutations).
 *
 * Pure: no I/O (workspace's `loadCitationGraphIndex` feeds it the file).
 */
import {
  type CitationGraphProblem,
  type CitationGraphView,
  citationGraphLineOf,
  type GraphFetchState,
  type GraphPaper,
  readCitationGraphLine,
} from "../core/index.js";
import { bytesOf, IdTable, membersEnd, startsWith, stringEnd, textOf } from "./graph-bytes.js";
import { type GraphIndex, indexNumberedLists, type NumberedLists } from "./graph-index.js";

const PAPER = bytesOf('{"type":"paper","s2":');
const LISTS = bytesOf('{"type":"lists","s2":');
const REFERENCES = bytesOf(',"references":[');
const CITATIONS = bytesOf(',"citations":[');
const LIST_KEYS = ["type", "s2", "references", "citations"];
const PAPER_KEYS = ["type", "s2"].map(bytesOf);
/** Paper lines are kept in blocks of this many bytes (a longer line gets a block of its own). */
const BLOCK = 1 << 22;

const isBlank = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d;

function grown(a: Int32Array, size: number, fill = 0): Int32Array {
  if (size <= a.length) return a;
  const b = new Int32Array(Math.max(size, a.length * 2)).fill(fill);
  b.set(a);
  return b;
}

/**
 * Reads the graph's bytes, chunk by chunk, into its index. `push` each chunk (the reader copies
 * what it keeps, so a caller may reuse its buffer), then `end()`.
 * @example const r = new GraphIndexReader(); r.push(bytes); const { index, problems } = r.end()
 */
export class GraphIndexReader {
  private ids = new IdTable();
  private line = 0;
  private carry: Uint8Array = new Uint8Array(0);
  private problems: CitationGraphProblem[] = [];
  /** List entries (id numbers) of every lists line, superseded ones included. */
  private entries: Int32Array = new Int32Array(1 << 16);
  private used = 0;
  /** Per lists line: owner, its references' and citations' ranges in `entries`, its state. */
  private lines: { owner: number; refs: number; cits: number; end: number }[] = [];
  private states: GraphFetchState[] = [];
  /** Per id: its latest lists line (−1: none), and its owners in order first met. */
  private listsOf: Int32Array = new Int32Array(1 << 12).fill(-1);
  private owners: number[] = [];
  /** Per id: its latest paper line (block, offset, length; block −1: read the slow way, −2: none). */
  private paperBlock: Int32Array = new Int32Array(1 << 12).fill(-2);
  private paperAt: Int32Array = new Int32Array(1 << 12);
  private paperLength: Int32Array = new Int32Array(1 << 12);
  private blocks: Uint8Array[] = [];
  private blockUsed = BLOCK;
  private slowPapers = new Map<number, GraphPaper>();
  /** Ids with a paper line, in the order first met (a Map's order of `papers`). */
  private paperOrder: Int32Array = new Int32Array(1 << 12);
  private paperCount = 0;

  push(chunk: Uint8Array): void {
    let s = 0;
    if (this.carry.length > 0) {
      const nl = chunk.indexOf(10);
      const joined = new Uint8Array(this.carry.length + (nl < 0 ? chunk.length : nl));
      joined.set(this.carry);
      joined.set(chunk.subarray(0, nl < 0 ? chunk.length : nl), this.carry.length);
      if (nl < 0) {
        this.carry = joined;
        return;
      }
      this.carry = new Uint8Array(0);
      this.readLine(joined, 0, joined.length);
      s = nl + 1;
    }
    for (let nl = chunk.indexOf(10, s); nl >= 0; nl = chunk.indexOf(10, s)) {
      this.readLine(chunk, s, nl);
      s = nl + 1;
    }
    if (s < chunk.length) this.carry = chunk.slice(s);
  }

  /** The index and the unreadable lines (file line numbers; a torn last line is one of them). */
  end(): { index: GraphIndex; problems: CitationGraphProblem[] } {
    if (this.carry.length > 0) {
      const last = this.carry;
      this.carry = new Uint8Array(0);
      this.readLine(last, 0, last.length);
    }
    return { index: this.index(), problems: this.problems };
  }

  private readLine(b: Uint8Array, from: number, to: number): void {
    this.line++;
    let s = from;
    let e = to;
    while (s < e && isBlank(b[s] as number)) s++;
    while (e > s && isBlank(b[e - 1] as number)) e--;
    if (s === e) return;
    if (b[s] === 0x7b && (this.fastPaper(b, s, e) || this.fastLists(b, s, e))) return;
    const text = textOf(b, s, e).trim();
    if (text === "") return;
    const read = readCitationGraphLine(text);
    if ("problem" in read) this.problems.push({ line: this.line, message: read.problem });
    else if ("paper" in read) {
      const id = this.intern(bytesOf(read.paper.s2));
      this.paperMet(id);
      this.paperBlock[id] = -1;
      this.slowPapers.set(id, read.paper);
    } else {
      const { s2, references, citations, state } = read.lists;
      const owner = this.intern(bytesOf(s2));
      const refs = this.used;
      for (const to of references) this.pushEntry(this.intern(bytesOf(to)));
      const cits = this.used;
      for (const to of citations) this.pushEntry(this.intern(bytesOf(to)));
      this.addLists(owner, refs, cits, state);
    }
  }

  /** `{"type":"paper","s2":"ID"…}` as written: the id numbered, the line kept as bytes. */
  private fastPaper(b: Uint8Array, s: number, e: number): boolean {
    if (!startsWith(b, s, e, PAPER)) return false;
    const idFrom = s + PAPER.length;
    const idEnd = stringEnd(b, idFrom, e, true);
    if (idEnd < 0 || idEnd === idFrom + 2) return false;
    if (membersEnd(b, idEnd, e, 0, false, PAPER_KEYS) !== e) return false;
    const id = this.intern(b.subarray(idFrom + 1, idEnd - 1));
    this.paperMet(id);
    const length = e - s;
    if (this.blockUsed + length > BLOCK) {
      this.blocks.push(new Uint8Array(Math.max(BLOCK, length)));
      this.blockUsed = 0;
    }
    const block = this.blocks.length - 1;
    (this.blocks[block] as Uint8Array).set(b.subarray(s, e), this.blockUsed);
    this.paperBlock[id] = block;
    this.paperAt[id] = this.blockUsed;
    this.paperLength[id] = length;
    this.blockUsed += length;
    return true;
  }

  /** `{"type":"lists","s2":"ID","references":[…],"citations":[…],…}` as written. */
  private fastLists(b: Uint8Array, s: number, e: number): boolean {
    if (!startsWith(b, s, e, LISTS)) return false;
    const idFrom = s + LISTS.length;
    const idEnd = stringEnd(b, idFrom, e, true);
    if (idEnd < 0 || idEnd === idFrom + 2) return false;
    const mark = this.used;
    const fail = () => {
      this.used = mark;
      return false;
    };
    let k = idEnd;
    const list = (head: Uint8Array): boolean => {
      if (!startsWith(b, k, e, head)) return false;
      k += head.length;
      if (b[k] === 0x5d) {
        k++;
        return true;
      }
      for (;;) {
        const end = stringEnd(b, k, e, true);
        if (end < 0 || end === k + 2) return false;
        this.pushEntry(this.ids.intern(b, k + 1, end - 1));
        k = end;
        if (b[k] === 0x5d) {
          k++;
          return true;
        }
        if (b[k] !== 0x2c) return false;
        k++;
      }
    };
    if (!list(REFERENCES)) return fail();
    const cits = this.used;
    if (!list(CITATIONS)) return fail();
    // `,}` is no JSON although `{}` of the rest would be.
    if (b[k] !== 0x2c || b[k + 1] === 0x7d) return fail();
    let rest: unknown;
    try {
      rest = JSON.parse(`{${textOf(b, k + 1, e)}`);
    } catch {
      // Not JSON: the slow way reads the whole line and names its problem.
      return fail();
    }
    if (rest === null || typeof rest !== "object" || Array.isArray(rest)) return fail();
    if (LIST_KEYS.some((key) => Object.hasOwn(rest as object, key))) return fail();
    const read = citationGraphLineOf({
      ...(rest as object),
      type: "lists",
      s2: "-",
      references: [],
      citations: [],
    });
    if (!("lists" in read)) return fail();
    this.ensure();
    const owner = this.ids.intern(b, idFrom + 1, idEnd - 1);
    this.addLists(owner, mark, cits, read.lists.state);
    return true;
  }

  private intern(b: Uint8Array): number {
    const id = this.ids.intern(b, 0, b.length);
    this.ensure();
    return id;
  }

  /** Per-id arrays as long as the ids numbered (and the next one). */
  private ensure(): void {
    const size = this.ids.count + 1;
    if (size <= this.listsOf.length) return;
    this.listsOf = grown(this.listsOf, size, -1);
    this.paperBlock = grown(this.paperBlock, size, -2);
    this.paperAt = grown(this.paperAt, size);
    this.paperLength = grown(this.paperLength, size);
  }

  private paperMet(id: number): void {
    if ((this.paperBlock[id] as number) !== -2) return;
    this.paperOrder = grown(this.paperOrder, this.paperCount + 1);
    this.paperOrder[this.paperCount++] = id;
  }

  private pushEntry(id: number): void {
    if (this.used === this.entries.length) this.entries = grown(this.entries, this.used + 1);
    this.entries[this.used++] = id;
  }

  private addLists(owner: number, refs: number, cits: number, state: GraphFetchState): void {
    this.ensure();
    if ((this.listsOf[owner] as number) < 0) this.owners.push(owner);
    this.listsOf[owner] = this.lines.length;
    this.lines.push({ owner, refs, cits, end: this.used });
    this.states.push(state);
  }

  private paper(id: number): GraphPaper | undefined {
    const block = this.paperBlock[id] as number;
    if (block === -2) return undefined;
    if (block === -1) return this.slowPapers.get(id);
    const at = this.paperAt[id] as number;
    const read = readCitationGraphLine(
      textOf(this.blocks[block] as Uint8Array, at, at + (this.paperLength[id] as number)),
    );
    return "paper" in read ? read.paper : undefined;
  }

  /** The latest lists of each owner, numbered in order of appearance, as `indexCitationGraph`. */
  private index(): GraphIndex {
    this.ensure();
    const count = this.ids.count;
    const appearance = new Int32Array(count).fill(-1);
    const idAt = new Int32Array(count);
    let n = 0;
    const number = (id: number): number => {
      let a = appearance[id] as number;
      if (a < 0) {
        a = n++;
        appearance[id] = a;
        idAt[a] = id;
      }
      return a;
    };
    const entries = this.entries;
    const lists = (range: (l: (typeof this.lines)[number]) => [number, number]): NumberedLists => {
      const owner = new Int32Array(this.owners.length);
      const offset = new Int32Array(this.owners.length + 1);
      let size = 0;
      for (const id of this.owners) {
        const [from, to] = range(this.lines[this.listsOf[id] as number] as (typeof this.lines)[0]);
        size += to - from;
      }
      const entry = new Int32Array(size);
      let e = 0;
      this.owners.forEach((id, p) => {
        owner[p] = number(id);
        const [from, to] = range(this.lines[this.listsOf[id] as number] as (typeof this.lines)[0]);
        for (let k = from; k < to; k++) entry[e++] = number(entries[k] as number);
        offset[p + 1] = e;
      });
      return { owner, offset, entry };
    };
    const r = lists((l) => [l.refs, l.cits]);
    const c = lists((l) => [l.cits, l.end]);
    this.entries = new Int32Array(0);
    let built: GraphIndex | undefined;
    built = indexNumberedLists(
      this.view(() => built as GraphIndex),
      r,
      c,
      {
        count: n,
        appearanceOf: (s2) => {
          const id = this.ids.find(s2);
          return id < 0 ? -1 : (appearance[id] as number);
        },
        idAt: (a) => this.ids.text(idAt[a] as number),
      },
    );
    return built;
  }

  /** The graph as pages read it: lists by id through the index, papers parsed when asked. */
  private view(built: () => GraphIndex): CitationGraphView {
    const ids = this.ids;
    const lineOf = (s2: string) => {
      const id = ids.find(s2);
      const p = id < 0 ? -1 : (this.listsOf[id] as number);
      return p < 0 ? undefined : p;
    };
    const listOf = (s2: string, which: "refs" | "cits"): string[] | undefined => {
      const g = built();
      const v = g.nodeOf(s2);
      const l = g[which];
      const p = v < 0 ? -1 : (l.of[v] as number);
      if (p < 0) return undefined;
      const out: string[] = [];
      for (let k = l.offset[p] as number; k < (l.offset[p + 1] as number); k++) {
        out.push(g.idOf(l.entry[k] as number));
      }
      return out;
    };
    const order = this.paperOrder.subarray(0, this.paperCount);
    const paper = (id: number) => this.paper(id);
    return {
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
      references: { size: this.owners.length, get: (s2) => listOf(s2, "refs") },
      citations: { size: this.owners.length, get: (s2) => listOf(s2, "cits") },
      fetched: {
        size: this.owners.length,
        get: (s2) => {
          const p = lineOf(s2);
          return p === undefined ? undefined : this.states[p];
        },
      },
    };
  }
}
