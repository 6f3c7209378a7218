import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import {
  type Answer,
  createQuestionTable,
  itemRoot,
  type Question,
  type QuestionTable,
  questionParts,
} from "../app/index.js";
import type { Diagnostic } from "../core/index.js";
import { folderIdentity } from "./folder-identity.js";

/** What a build keeps of a written file. */
export interface FileEntry {
  /** sha256 of the file's bytes (`fileHash`). */
  hash: string;
  /** The questions its route read, as indexes into `BuildRecord.questions`. */
  reads: number[];
  /** What rendering it reported (a route not rendered again reports it again). */
  warnings?: Diagnostic[];
}

/**
 * What the last build did: each file with the questions its route read, and each question's
 * answer then. A route none of whose questions is answered differently now renders to the same
 * bytes. Questions are shared between files (every page reads the settings' title).
 */
export interface BuildRecord {
  table: QuestionTable;
  /**
   * Each question's answer, by number: as it was (a builder's memory) or its `digest` (read from
   * disk: every answer when `digested`, else those marked in `digests`).
   */
  answers: Answer[];
  digested: boolean;
  /** The answers that are digests although the record is not `digested` (1), by number. */
  digests?: Uint8Array;
  /**
   * Each item's print (`SiteRoutes.itemPrint`, digested) by root, as it was when its questions
   * were answered: an item whose print is the same answers every question about it the same.
   */
  prints: Map<string, string>;
  files: Map<string, FileEntry>;
}

/** What a manifest is valid for: the rendering code and the base URL. */
export interface BuildHeader {
  code: string;
  baseUrl: string;
}

interface Manifest extends BuildHeader {
  version: 6;
  /**
   * The folder the manifest was written in (`folderIdentity`): a manifest copied with the site
   * elsewhere (a committed `_site/` cloned) is not trusted to describe pages it did not write.
   */
  folder: string;
  /**
   * Each question's text, grouped: first the questions of each item of `groups`, then the
   * others. One string a question, not its parts: JSON.parse makes a fifth of the strings.
   */
  questions: string[];
  answers: string[];
  /** The item groups, in order: their root, print and number of questions. */
  groups: [root: string, print: string, count: number][];
  /**
   * Per file: its hash, the numbers of the questions it read (ascending, as differences, in
   * LEB128 bytes as base64: a third of the bytes of a JSON array, and one string to parse).
   */
  files: Record<string, [hash: string, reads: string, warnings?: Diagnostic[]]>;
}

export const emptyRecord = (): BuildRecord => ({
  table: createQuestionTable(),
  answers: [],
  digested: false,
  prints: new Map(),
  files: new Map(),
});

/**
 * An answer as the manifest keeps it: short ones as they are, with their type, long ones (a
 * note's text) by sha256, so that the manifest stays small.
 */
export function digest(answer: Answer): string {
  if (typeof answer !== "string") return `${typeof answer}:${String(answer)}`;
  // 132 bits of sha256: no two answers of one question collide by chance.
  return answer.length <= 22
    ? `s${answer}`
    : `#${createHash("sha256").update(answer).digest("base64url").slice(0, 22)}`;
}

/** Whether answer `i` of `record` is a digest rather than the answer itself. */
export const isDigest = (record: BuildRecord, i: number): boolean =>
  record.digested || record.digests?.[i] === 1;

/** Ascending numbers as LEB128 differences, base64. */
export function encodeReads(reads: readonly number[]): string {
  const sorted = Int32Array.from(reads).sort();
  const bytes = Buffer.allocUnsafe(sorted.length * 5);
  let at = 0;
  let last = 0;
  for (const n of sorted) {
    let d = n - last;
    last = n;
    while (d >= 0x80) {
      bytes[at++] = (d & 0x7f) | 0x80;
      d >>>= 7;
    }
    bytes[at++] = d;
  }
  return bytes.toString("base64", 0, at);
}

/** `encodeReads` undone; throws on bytes it cannot have written. */
export function decodeReads(text: string): number[] {
  const bytes = Buffer.from(text, "base64");
  const reads: number[] = [];
  let last = 0;
  for (let at = 0; at < bytes.length; ) {
    let d = 0;
    let shift = 0;
    let byte: number;
    do {
      if (at >= bytes.length || shift > 28) throw new Error("bad reads");
      byte = bytes[at++] as number;
      d |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    last += d;
    reads.push(last);
  }
  return reads;
}

/**
 * The last build's record (empty when absent, of another version, code or base URL, or written
 * in another folder) and the manifest's text.
 */
export function readRecord(
  file: string,
  header: BuildHeader,
): { record: BuildRecord; text?: string } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    // No manifest (a first build, or one a failed build deleted): every page is rendered.
    return { record: emptyRecord() };
  }
  try {
    const data = JSON.parse(text) as Partial<Manifest>;
    const valid =
      data.version === 6 &&
      data.code === header.code &&
      data.baseUrl === header.baseUrl &&
      data.folder === folderIdentity(dirname(file)) &&
      Array.isArray(data.questions) &&
      Array.isArray(data.answers) &&
      data.answers.length === data.questions.length &&
      Array.isArray(data.groups) &&
      data.files;
    if (!valid) return { record: emptyRecord() };
    const questions = data.questions as string[];
    const table = createQuestionTable(questions);
    const prints = new Map<string, string>();
    // The groups as `groupQuestions` would make them, without splitting every question.
    let at = 0;
    for (const [root, print, count] of data.groups as Manifest["groups"]) {
      const ids = new Array<number>(count);
      for (let k = 0; k < count; k++) ids[k] = at + k;
      table.groups.set(root, ids);
      prints.set(root, print);
      at += count;
    }
    if (at > questions.length) return { record: emptyRecord() };
    for (; at < questions.length; at++) table.loose.push(at);
    table.grouped = questions.length;
    const files = new Map<string, FileEntry>();
    for (const [rel, [hash, reads, warnings]] of Object.entries(data.files ?? {})) {
      const entry: FileEntry = { hash, reads: decodeReads(reads) };
      if (warnings) entry.warnings = warnings;
      files.set(rel, entry);
    }
    return {
      record: { table, answers: data.answers as string[], digested: true, prints, files },
      text,
    };
  } catch {
    // A damaged manifest describes nothing: every page is rendered, then it is written anew.
    return { record: emptyRecord() };
  }
}

/**
 * `record` with only the questions its files read, renumbered so that each item's questions
 * are together (the groups the manifest names), the others after them.
 */
export function compact(record: BuildRecord): BuildRecord {
  const old = record.table;
  // Which questions some file reads (hundreds of thousands of reads, so an array).
  const used = new Uint8Array(old.questions.length);
  for (const entry of record.files.values()) for (const i of entry.reads) used[i] = 1;
  const byRoot = new Map<string, number[]>();
  const loose: number[] = [];
  for (let i = 0; i < old.questions.length; i++) {
    if (used[i] !== 1) continue;
    const root = itemRoot(questionParts(old, i));
    if (root === undefined) loose.push(i);
    else {
      const group = byRoot.get(root);
      if (group) group.push(i);
      else byRoot.set(root, [i]);
    }
  }
  const out = emptyRecord();
  out.digested = record.digested;
  const { table } = out;
  const renumber = new Int32Array(old.questions.length).fill(-1);
  const digests = new Uint8Array(used.length);
  let anyDigest = false;
  const take = (i: number) => {
    const question = old.questions[i] as Question;
    const j = table.questions.push(question) - 1;
    table.ids.set(question, j);
    table.parts[j] = old.parts[i];
    out.answers.push(record.answers[i]);
    if (!record.digested && record.digests?.[i] === 1) {
      digests[j] = 1;
      anyDigest = true;
    }
    renumber[i] = j;
    return j;
  };
  for (const [root, group] of byRoot) {
    table.groups.set(root, group.map(take));
    const print = record.prints.get(root);
    if (print !== undefined) out.prints.set(root, print);
  }
  for (const i of loose) table.loose.push(take(i));
  table.grouped = table.questions.length;
  if (anyDigest) out.digests = digests.subarray(0, table.questions.length);
  for (const [rel, entry] of record.files) {
    out.files.set(rel, { ...entry, reads: entry.reads.map((i) => renumber[i] as number) });
  }
  return out;
}

/** The manifest of `record`, with only the questions its files read, to be written to `file`. */
export function recordText(record: BuildRecord, header: BuildHeader, file: string): string {
  const kept = compact(record);
  const files: Manifest["files"] = {};
  for (const [rel, { hash, reads, warnings }] of kept.files) {
    const encoded = encodeReads(reads);
    files[rel] = warnings ? [hash, encoded, warnings] : [hash, encoded];
  }
  const groups: Manifest["groups"] = [];
  for (const [root, ids] of kept.table.groups) {
    // A group without a print cannot be skipped: a print no item has ("") asks it again.
    groups.push([root, kept.prints.get(root) ?? "", ids.length]);
  }
  const manifest: Manifest = {
    version: 6,
    ...header,
    folder: folderIdentity(dirname(file)),
    questions: kept.table.questions,
    answers: kept.answers.map((a, i) => (isDigest(kept, i) ? (a as string) : digest(a))),
    groups,
    files,
  };
  return `${JSON.stringify(manifest)}\n`;
}
