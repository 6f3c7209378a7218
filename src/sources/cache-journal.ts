/**
 * The response cache's journal: every stored answer appended as one line to
 * `<dir>/answers.jsonl` (a JSON `CachedResponse`, key first), by one `write` of an `O_APPEND`
 * file, so two processes storing at once never interleave and no file is created, renamed or
 * removed per answer (a create and a rename per answer were most of what the cache cost
 * `jingdu resolve` on 1,000 papers: two journaled metadata operations each on this disk).
 *
 * A line starts with a newline of its own: a line a kill -9 or a power cut left cut (the
 * journal is derived and never fsynced) is followed by the next line's newline, so only that one
 * answer is lost, never the next. A reader indexes the journal by key (later lines win) up to its
 * last newline (a line still being written by another process is read once it is whole), and
 * reads one entry's line when it is looked up; an entry whose line does not parse, or names
 * another key, is no answer.
 *
 * Past `JOURNAL_MAX_BYTES` the journal becomes `answers.old.jsonl` (replacing the one before) and
 * a new one starts, so the cache keeps the newest one to two journals' answers, never more.
 */
import {
  closeSync,
  fstatSync,
  openSync,
  readSync,
  renameSync,
  type Stats,
  statSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";

export const JOURNAL_FILE = "answers.jsonl";
export const OLD_JOURNAL_FILE = "answers.old.jsonl";
/** A journal past this size is set aside as the old one when the next answer is stored. */
export const JOURNAL_MAX_BYTES = 32 * 1024 * 1024;

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** `{"key":"`: how every line begins (JSON.stringify writes the entry's fields in order). */
const KEY_START = Buffer.from('{"key":"');

/** Where one line lies in its journal file. */
interface LineAt {
  offset: number;
  length: number;
}

/** One journal file as this process has read it: by its inode, up to `scanned` bytes. */
interface JournalIndex {
  ino: number;
  scanned: number;
  lines: Map<string, LineAt>;
}

/** The key a line names, read without parsing the rest of it (the body may be megabytes). */
function keyOf(buf: Buffer, start: number, end: number): string | undefined {
  if (
    end - start < KEY_START.length ||
    buf.compare(KEY_START, 0, KEY_START.length, start, start + KEY_START.length) !== 0
  )
    return undefined;
  let at = start + KEY_START.length;
  for (;;) {
    const quote = buf.indexOf(QUOTE, at);
    if (quote < 0 || quote >= end) return undefined;
    let slashes = 0;
    while (buf[quote - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) {
      try {
        return JSON.parse(buf.toString("utf8", start + KEY_START.length - 1, quote + 1)) as string;
      } catch {
        // Not a JSON string: a damaged line, no answer.
        return undefined;
      }
    }
    at = quote + 1;
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    // No journal (yet, or the cache was deleted): nothing in it.
    return undefined;
  }
}

/** Reads the bytes of `path` from `from` to `to` (fewer when it shrank meanwhile). */
function readRange(path: string, from: number, to: number): Buffer {
  const buf = Buffer.allocUnsafe(to - from);
  const fd = openSync(path, "r");
  try {
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, from + got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/**
 * A cache folder's journals: `lookup` finds the line of a key (the newest journal first) and
 * returns its text; `append` stores one. Synchronous: an append is one small write into the page
 * cache (and a `stat` and an `fstat`), a lookup that misses one `stat` (the old journal is read
 * again only when the newest was set aside).
 */
export function openJournal(
  dir: string,
  maxBytes = JOURNAL_MAX_BYTES,
): {
  lookup(key: string): string | undefined;
  append(key: string, line: string): void;
} {
  const indexes = new Map<string, JournalIndex>();
  const path = join(dir, JOURNAL_FILE);
  const oldPath = join(dir, OLD_JOURNAL_FILE);
  /** The old journal is read again: at first, and after the newest was set aside. */
  let oldStale = true;
  /** The journal this process appends to, kept open (no open and close per answer). */
  let appending: number | undefined;
  let appendingIno = -1;

  /** The index of one journal file, brought up to its last whole line. */
  function refresh(name: string, stats: Stats | undefined): JournalIndex | undefined {
    let index = indexes.get(name);
    // Gone, another file under the name (set aside, deleted, made anew) or shorter than read.
    if (index && (!stats || index.ino !== stats.ino || stats.size < index.scanned)) {
      indexes.delete(name);
      if (name === JOURNAL_FILE) {
        // The newest journal set aside (or the cache deleted): the old one is read again, from
        // this index when it is that file (same inode), so a journal read is not read twice.
        oldStale = true;
        indexes.set(OLD_JOURNAL_FILE, index);
      }
      index = undefined;
    }
    if (!stats) return undefined;
    if (!index) {
      index = { ino: stats.ino, scanned: 0, lines: new Map() };
      indexes.set(name, index);
    }
    if (stats.size > index.scanned) {
      const base = index.scanned;
      const buf = readRange(join(dir, name), base, stats.size);
      const whole = buf.lastIndexOf(NEWLINE) + 1;
      for (let start = 0; start < whole; ) {
        const end = buf.indexOf(NEWLINE, start);
        const key = end > start ? keyOf(buf, start, end) : undefined;
        if (key !== undefined) index.lines.set(key, { offset: base + start, length: end - start });
        start = end + 1;
      }
      index.scanned = base + whole;
    }
    return index;
  }

  function read(name: string, at: LineAt): string | undefined {
    try {
      return readRange(join(dir, name), at.offset, at.offset + at.length).toString("utf8");
    } catch {
      // Set aside or deleted between the stat and the read: no answer.
      return undefined;
    }
  }

  function closeAppending(): void {
    if (appending !== undefined) closeSync(appending);
    appending = undefined;
  }

  return {
    lookup(key) {
      const at = refresh(JOURNAL_FILE, statOrUndefined(path))?.lines.get(key);
      if (at) return read(JOURNAL_FILE, at);
      if (oldStale) {
        oldStale = false;
        refresh(OLD_JOURNAL_FILE, statOrUndefined(oldPath));
      }
      const old = indexes.get(OLD_JOURNAL_FILE)?.lines.get(key);
      return old ? read(OLD_JOURNAL_FILE, old) : undefined;
    },
    append(key, line) {
      // The line's own newline first: a line a kill cut before it stays apart from this one.
      const bytes = Buffer.from(`\n${line}\n`);
      // Still the newest journal? Another process may have set it aside (or the cache was
      // deleted): an answer appended to the old one would stand behind an older one in the new.
      if (appending !== undefined && statOrUndefined(path)?.ino !== appendingIno) closeAppending();
      if (appending === undefined) {
        appending = openSync(path, "a");
        appendingIno = fstatSync(appending).ino;
      }
      writeSync(appending, bytes);
      const stats = fstatSync(appending);
      // Nothing appended since what was read but this line: indexed without reading it back.
      const index = indexes.get(JOURNAL_FILE);
      if (index?.ino === stats.ino && index.scanned === stats.size - bytes.length) {
        index.lines.set(key, { offset: index.scanned + 1, length: bytes.length - 2 });
        index.scanned = stats.size;
      }
      if (stats.size > maxBytes) {
        closeAppending();
        // Unless another process set it aside first; one appending meanwhile writes into the
        // old journal, still read.
        if (statOrUndefined(path)?.ino === stats.ino) renameSync(path, oldPath);
        oldStale = true;
      }
    },
  };
}
