/**
 * Byte helpers of the graph's byte reader (graph-read.ts): a hash table numbering ids by their
 * UTF-8 bytes, so reading 10M edges makes no string per edge, and a JSON checker for the lines
 * the reader keeps unparsed. Hand-written: no package reads JSON lines into typed arrays, and
 * both are small; each is compared with `JSON.parse` and a `Map` in graph-read.test.ts.
 */

const encoder = new TextEncoder();
// ignoreBOM: a U+FEFF is kept as text, as reading the file as UTF-8 keeps it.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** The text of bytes `[s, e)` (UTF-8; invalid sequences become U+FFFD, as a file read as UTF-8). */
export function textOf(b: Uint8Array, s: number, e: number): string {
  return decoder.decode(b.subarray(s, e));
}

function hashOf(b: Uint8Array, s: number, e: number): number {
  const len = e - s;
  let h = Math.imul(len, 0x9e3779b1) | 0;
  // Ids share prefixes more than ends (generated ones are zero-padded): the first 8 bytes and
  // the last 16 decide the slot; equal hashes are compared in full.
  const cut = len <= 24 ? e : s + 8;
  for (let i = s; i < cut; i++) h = Math.imul(h ^ (b[i] as number), 0x01000193);
  if (len > 24) for (let i = e - 16; i < e; i++) h = Math.imul(h ^ (b[i] as number), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}

/** A hex digit's value (lower case only: `A` and `a` are different ids), −1 for another byte. */
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** Words of a 40-digit lower-case hex id (an S2 `paperId`) into `out`; false for another id. */
function packHex(b: Uint8Array, s: number, e: number, out: Int32Array): boolean {
  if (e - s !== 40) return false;
  for (let w = 0; w < 5; w++) {
    let x = 0;
    for (let k = s + 8 * w; k < s + 8 * w + 8; k++) {
      const v = hexValue(b[k] as number);
      if (v < 0) return false;
      x = (x << 4) | v;
    }
    out[w] = x;
  }
  return true;
}

function hashWords(w: Int32Array): number {
  let h = Math.imul((w[0] as number) ^ 0x2545f491, 0x9e3779b1);
  for (let k = 1; k < 5; k++) h = Math.imul(h ^ (w[k] as number), 0x85ebca6b) ^ (h >>> 15);
  h ^= h >>> 16;
  return h | 0;
}

export interface IdTableState {
  counts: number[];
  bytes: Uint8Array;
  start: Int32Array;
  hash: Int32Array;
  slots: Int32Array;
  hex: Int32Array;
  hexAt: Int32Array;
}

/**
 * Ids numbered 0, 1, … in the order first met. An S2 `paperId` (40 lower-case hex digits, all
 * but odd ids) is kept as five 32-bit words in the slot itself, so a lookup reads one cache line
 * and compares five numbers; any other id is kept as its bytes in a table of its own.
 */
export class IdTable {
  count = 0;
  private bytes: Uint8Array = new Uint8Array(1 << 16);
  private used = 0;
  /** Bytes of id i are `bytes[start[i] .. start[i + 1]]`; none for a hex id. */
  private start: Int32Array = new Int32Array(1 << 12);
  private hash: Int32Array = new Int32Array(1 << 12);
  /** Open addressing: id + 1, 0 for an empty slot. */
  private slots: Int32Array = new Int32Array(1 << 13);
  private others = 0;
  /** Hex ids: slots of six words (id + 1, the id's five words). */
  private hex: Int32Array = new Int32Array(6 << 13);
  private hexCount = 0;
  /** Where each hex id's words are in `hex` (its slot × 6), for its text. */
  private hexAt: Int32Array = new Int32Array(1 << 12);
  private words = new Int32Array(5);

  /** The table as arrays and counts (for the kept index, graph-parts.ts), and back. */
  state(): IdTableState {
    const n = this.count;
    return {
      counts: [this.count, this.used, this.others, this.hexCount],
      bytes: this.bytes.subarray(0, this.used),
      start: this.start.subarray(0, n + 1),
      hash: this.hash.subarray(0, n),
      slots: this.slots,
      hex: this.hex,
      hexAt: this.hexAt.subarray(0, n),
    };
  }

  static from(s: IdTableState): IdTable {
    const t = new IdTable();
    [t.count, t.used, t.others, t.hexCount] = s.counts as [number, number, number, number];
    // Arrays one longer than the ids: `next()` grows them when a new id comes (none does here).
    t.bytes = s.bytes;
    t.start = s.start;
    t.hash = s.hash;
    t.slots = s.slots;
    t.hex = s.hex;
    t.hexAt = s.hexAt;
    return t;
  }

  /** The number of the id in bytes `[s, e)`, numbering it when new. */
  intern(b: Uint8Array, s: number, e: number): number {
    const w = this.words;
    if (packHex(b, s, e, w)) return this.hexSlot(w, true);
    const h = hashOf(b, s, e);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = this.slots[slot] as number;
      if (at === 0) return this.add(b, s, e, h, slot);
      if (this.hash[at - 1] === h && this.equals(at - 1, b, s, e)) return at - 1;
    }
  }

  /**
   * The number of the S2 id quoted at `b[q]` (`"` + 40 lower-case hex digits + `"`), numbering
   * it when new; −1 when what is quoted there is not one (the caller reads it the general way).
   */
  internQuotedHex(b: Uint8Array, q: number): number {
    if (b[q + 41] !== QUOTE || !packHex(b, q + 1, q + 41, this.words)) return -1;
    return this.hexSlot(this.words, true);
  }

  /** The number of an id, −1 when never met. */
  find(s2: string): number {
    const b = encoder.encode(s2);
    if (packHex(b, 0, b.length, this.words)) return this.hexSlot(this.words, false);
    const h = hashOf(b, 0, b.length);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = this.slots[slot] as number;
      if (at === 0) return -1;
      if (this.hash[at - 1] === h && this.equals(at - 1, b, 0, b.length)) return at - 1;
    }
  }

  /** The id numbered `i`. */
  text(i: number): string {
    const from = this.start[i] as number;
    const to = this.start[i + 1] as number;
    if (to > from) return textOf(this.bytes, from, to);
    const at = this.hexAt[i] as number;
    let out = "";
    for (let k = 1; k <= 5; k++)
      out += ((this.hex[at + k] as number) >>> 0).toString(16).padStart(8, "0");
    return out;
  }

  private hexSlot(w: Int32Array, add: boolean): number {
    const table = this.hex;
    const mask = table.length / 6 - 1;
    const w0 = w[0] as number;
    const w1 = w[1] as number;
    const w2 = w[2] as number;
    const w3 = w[3] as number;
    const w4 = w[4] as number;
    for (let slot = hashWords(w) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 6;
      const id = table[at] as number;
      if (id === 0) {
        if (!add) return -1;
        const i = this.next();
        table[at] = i + 1;
        table.set(w, at + 1);
        this.hexAt[i] = at;
        if (++this.hexCount * 2 > mask + 1) this.growHex();
        return i;
      }
      if (
        table[at + 5] === w4 &&
        table[at + 4] === w3 &&
        table[at + 1] === w0 &&
        table[at + 2] === w1 &&
        table[at + 3] === w2
      )
        return id - 1;
    }
  }

  private growHex(): void {
    const old = this.hex;
    const table = new Int32Array(old.length * 2);
    const mask = table.length / 6 - 1;
    const w = new Int32Array(5);
    for (let at = 0; at < old.length; at += 6) {
      const id = old[at] as number;
      if (id === 0) continue;
      for (let k = 0; k < 5; k++) w[k] = old[at + 1 + k] as number;
      let slot = hashWords(w) & mask;
      while (table[slot * 6] !== 0) slot = (slot + 1) & mask;
      table.set(old.subarray(at, at + 6), slot * 6);
      this.hexAt[id - 1] = slot * 6;
    }
    this.hex = table;
  }

  /** A new id's number, the per-id arrays grown for it. */
  private next(): number {
    const i = this.count++;
    if (i + 2 > this.start.length) {
      for (const key of ["start", "hash", "hexAt"] as const) {
        const a = new Int32Array(this[key].length * 2);
        a.set(this[key]);
        this[key] = a;
      }
    }
    this.start[i + 1] = this.used;
    return i;
  }

  private equals(i: number, b: Uint8Array, s: number, e: number): boolean {
    const from = this.start[i] as number;
    if ((this.start[i + 1] as number) - from !== e - s) return false;
    const bytes = this.bytes;
    for (let k = 0; k < e - s; k++) if (bytes[from + k] !== b[s + k]) return false;
    return true;
  }

  private add(b: Uint8Array, s: number, e: number, h: number, slot: number): number {
    if (this.used + (e - s) > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.used + (e - s)));
      bigger.set(this.bytes.subarray(0, this.used));
      this.bytes = bigger;
    }
    this.bytes.set(b.subarray(s, e), this.used);
    this.used += e - s;
    const i = this.next();
    this.start[i + 1] = this.used;
    this.hash[i] = h;
    this.slots[slot] = i + 1;
    if (++this.others * 2 > this.slots.length) this.grow();
    return i;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let i = 0; i < this.count; i++) {
      if ((this.start[i + 1] as number) === (this.start[i] as number)) continue;
      let slot = (this.hash[i] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = i + 1;
    }
    this.slots = slots;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * End of the JSON string starting at `b[i]` (a quote), −1 when it is not one. `plain`: also −1
 * for an escape or a non-ASCII byte (an id the fast path may take as its bytes).
 */
export function stringEnd(b: Uint8Array, i: number, end: number, plain = false): number {
  if (b[i] !== QUOTE) return -1;
  for (let k = i + 1; k < end; k++) {
    const c = b[k] as number;
    if (c === QUOTE) return k + 1;
    if (c < 0x20) return -1;
    if (plain && (c === BACKSLASH || c >= 0x80)) return -1;
    if (c === BACKSLASH) {
      const d = b[k + 1] as number;
      if (d === 0x75) {
        for (let h = k + 2; h < k + 6; h++) if (!isHex(b[h] as number)) return -1;
        k += 5;
      } else if (ESCAPES.has(d)) k++;
      else return -1;
    }
  }
  return -1;
}

const ESCAPES = new Set([QUOTE, BACKSLASH, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);
const isHex = (c: number) =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

function numberEnd(b: Uint8Array, i: number, end: number): number {
  let k = i;
  if (b[k] === 0x2d) k++;
  if (b[k] === 0x30) k++;
  else if (k < end && isDigit(b[k] as number) && b[k] !== 0x30) {
    while (k < end && isDigit(b[k] as number)) k++;
  } else return -1;
  if (b[k] === 0x2e) {
    k++;
    if (!(k < end && isDigit(b[k] as number))) return -1;
    while (k < end && isDigit(b[k] as number)) k++;
  }
  if (b[k] === 0x65 || b[k] === 0x45) {
    k++;
    if (b[k] === 0x2b || b[k] === 0x2d) k++;
    if (!(k < end && isDigit(b[k] as number))) return -1;
    while (k < end && isDigit(b[k] as number)) k++;
  }
  return k;
}

const LITERALS = ["true", "false", "null"].map((w) => encoder.encode(w));

/**
 * End of the JSON value starting at `b[i]`, −1 when it is not one or has whitespace between its
 * tokens (the writer puts none; such a line goes the slow way, `JSON.parse`, which decides).
 */
export function valueEnd(b: Uint8Array, i: number, end: number, depth = 0): number {
  if (i >= end || depth > 64) return -1;
  const c = b[i] as number;
  if (c === QUOTE) return stringEnd(b, i, end);
  if (c === 0x7b) return membersEnd(b, i + 1, end, depth, true);
  if (c === 0x5b) {
    let k = i + 1;
    if (b[k] === 0x5d) return k + 1;
    for (;;) {
      k = valueEnd(b, k, end, depth + 1);
      if (k < 0) return -1;
      if (b[k] === 0x5d) return k + 1;
      if (b[k] !== 0x2c) return -1;
      k++;
    }
  }
  if (c === 0x2d || isDigit(c)) return numberEnd(b, i, end);
  for (const w of LITERALS) {
    if (b[i] === w[0] && w.every((x, k) => b[i + k] === x)) return i + w.length;
  }
  return -1;
}

/**
 * End of an object's members from `b[i]` (just after `{`, or after a member when `first` is
 * false: then `,` or `}` comes next), −1 when not JSON. `skipKeys`: −1 also for a top-level key
 * among them or with an escape (a line that would override what the fast path took).
 */
export function membersEnd(
  b: Uint8Array,
  i: number,
  end: number,
  depth: number,
  first: boolean,
  skipKeys?: readonly Uint8Array[],
): number {
  let k = i;
  if (first) {
    if (b[k] === 0x7d) return k + 1;
  } else {
    if (b[k] === 0x7d) return k + 1;
    if (b[k] !== 0x2c) return -1;
    k++;
  }
  for (;;) {
    const keyEnd = stringEnd(b, k, end, skipKeys !== undefined);
    if (keyEnd < 0) return -1;
    if (skipKeys?.some((key) => sameBytes(b, k + 1, keyEnd - 1, key))) return -1;
    if (b[keyEnd] !== 0x3a) return -1;
    k = valueEnd(b, keyEnd + 1, end, depth + 1);
    if (k < 0) return -1;
    if (b[k] === 0x7d) return k + 1;
    if (b[k] !== 0x2c) return -1;
    k++;
  }
}

/** Whether bytes `[s, e)` are `word`. */
export function sameBytes(b: Uint8Array, s: number, e: number, word: Uint8Array): boolean {
  if (e - s !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (b[s + k] !== word[k]) return false;
  return true;
}

/** Whether `word` starts at `b[i]`. */
export function startsWith(b: Uint8Array, i: number, end: number, word: Uint8Array): boolean {
  if (end - i < word.length) return false;
  for (let k = 0; k < word.length; k++) if (b[i + k] !== word[k]) return false;
  return true;
}

export const bytesOf = (s: string): Uint8Array => encoder.encode(s);
