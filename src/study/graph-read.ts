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
import { type GraphParts, indexFromParts } from "./graph-parts.js";

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
  private entries: Int32Array;
  private used = 0;
  /** Per lists line: owner, its references' and citations' ranges in `entries`, its state. */
  private lines: { owner: number; refs: number; cits: number; end: number }[] = [];
  private states: GraphFetchState[] = [];
  /** Per id: its latest lists line (−1: none), and its owners in order first met. */
  private listsOf: Int32Array = new Int32Array(1 << 12).fill(-1);
  private owners: number[] = [];
  /**
   * Per id: its latest paper line, where in the blocks counted end to end (−1: read the slow
   * way, in `slowPapers`; −2: none) and how long.
   */
  private paperAt: Float64Array = new Float64Array(1 << 12).fill(-2);
  private paperLength: Int32Array = new Int32Array(1 << 12);
  private blocks: Uint8Array[] = [];
  private blockStart: number[] = [];
  private blockUsed = BLOCK;
  private slowPapers = new Map<number, GraphPaper>();
  /** Ids with a paper line, in the order first met (a Map's order of `papers`). */
  private paperOrder: Int32Array = new Int32Array(1 << 12);
  private paperCount = 0;

  /**
   * `bytes`: the file's size when known. A list entry takes at least 3 bytes (`"x",`), 43 as
   * written for an S2 id: the entries' array starts at the size that fits a file of S2 ids, so
   * 10M edges are not copied through doublings (the peak of memory is that array twice).
   */
  constructor(opts: { bytes?: number } = {}) {
    this.entries = new Int32Array(Math.max(1 << 16, Math.ceil((opts.bytes ?? 0) / 43)));
  }

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

  /**
   * The index and the unreadable lines (file line numbers; a torn last line is one of them), and
   * the parts it is made of (what workspace keeps in `.jingdu/`).
   */
  end(): { index: GraphIndex; problems: CitationGraphProblem[]; parts: GraphParts } {
    if (this.carry.length > 0) {
      const last = this.carry;
      this.carry = new Uint8Array(0);
      this.readLine(last, 0, last.length);
    }
    const parts = this.parts();
    return { index: indexFromParts(parts), problems: this.problems, parts };
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
      this.paperAt[id] = -1;
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
      const last = this.blocks.length - 1;
      if (last >= 0)
        this.blocks[last] = (this.blocks[last] as Uint8Array).subarray(0, this.blockUsed);
      this.blockStart.push(last < 0 ? 0 : (this.blockStart[last] as number) + this.blockUsed);
      this.blocks.push(new Uint8Array(Math.max(BLOCK, length)));
      this.blockUsed = 0;
    }
    const block = this.blocks.length - 1;
    (this.blocks[block] as Uint8Array).set(b.subarray(s, e), this.blockUsed);
    this.paperAt[id] = (this.blockStart[block] as number) + this.blockUsed;
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
        // An S2 id in one pass (checked and packed); another id the general way.
        const hex = b[k] === 0x22 ? this.ids.internQuotedHex(b, k) : -1;
        if (hex >= 0) {
          this.pushEntry(hex);
          k += 42;
        } else {
          const end = stringEnd(b, k, e, true);
          if (end < 0 || end === k + 2) return false;
          this.pushEntry(this.ids.intern(b, k + 1, end - 1));
          k = end;
        }
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
    if (size > this.paperAt.length) {
      const at = new Float64Array(Math.max(size, this.paperAt.length * 2)).fill(-2);
      at.set(this.paperAt);
      this.paperAt = at;
    }
    this.paperLength = grown(this.paperLength, size);
  }

  private paperMet(id: number): void {
    if ((this.paperAt[id] as number) !== -2) return;
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

  /** The latest lists of each owner, numbered in order of appearance, as `indexCitationGraph`. */
  private parts(): GraphParts {
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
    const partial = indexNumberedLists(EMPTY_VIEW, r, c, {
      count: n,
      appearanceOf: () => -1,
      idAt: () => "",
    });
    const last = this.blocks.length - 1;
    if (last >= 0)
      this.blocks[last] = (this.blocks[last] as Uint8Array).subarray(0, this.blockUsed);
    return {
      ids: this.ids.state(),
      appearance,
      idAt: idAt.subarray(0, n),
      byAppearance: partial.byAppearance,
      start: partial.start,
      adj: partial.adj,
      refs: partial.refs,
      cits: partial.cits,
      paperAt: this.paperAt.subarray(0, count),
      paperLength: this.paperLength.subarray(0, count),
      paperBytes: this.blocks,
      paperBlockStart: this.blockStart,
      paperOrder: this.paperOrder.slice(0, this.paperCount),
      slowPapers: [...this.slowPapers],
      // The lists' states in owner order: list p of the index is owner p's.
      states: this.owners.map((id) => this.states[this.listsOf[id] as number] as GraphFetchState),
      problems: this.problems,
    };
  }
}

const none = { size: 0, get: () => undefined };
/** The view the shared indexing gets (the reader's index gets its own view, over the parts). */
const EMPTY_VIEW: CitationGraphView = {
  papers: { ...none, values: () => [] },
  references: none,
  citations: none,
  fetched: none,
};
