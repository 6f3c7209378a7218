import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import {
  type Answer,
  createQuestionTable,
  type Question,
  type QuestionTable,
  questionParts,
  SEP,
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
  /** Each question's answer, by number: as it was (a builder's memory) or its `digest` (read from disk). */
  answers: Answer[];
  digested: boolean;
  files: Map<string, FileEntry>;
}

/** What a manifest is valid for: the rendering code and the base URL. */
export interface BuildHeader {
  code: string;
  baseUrl: string;
}

interface Manifest extends BuildHeader {
  version: 5;
  /**
   * The folder the manifest was written in (`folderIdentity`): a manifest copied with the site
   * elsewhere (a committed `_site/` cloned) is not trusted to describe pages it did not write.
   */
  folder: string;
  /** Each question as its parts (`SEP` costs 6 bytes of JSON in a string, a part 3). */
  questions: string[][];
  answers: string[];
  /** Per file: its hash, the numbers of the questions it read (ascending, as differences). */
  files: Record<string, [hash: string, reads: number[], warnings?: Diagnostic[]]>;
}

export const emptyRecord = (): BuildRecord => ({
  table: createQuestionTable(),
  answers: [],
  digested: false,
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
      data.version === 5 &&
      data.code === header.code &&
      data.baseUrl === header.baseUrl &&
      data.folder === folderIdentity(dirname(file)) &&
      Array.isArray(data.questions) &&
      Array.isArray(data.answers) &&
      data.files;
    if (!valid) return { record: emptyRecord() };
    const parts = data.questions as string[][];
    const questions = parts.map((p) => p.join(SEP));
    const files = new Map<string, FileEntry>();
    for (const [rel, [hash, deltas, warnings]] of Object.entries(data.files ?? {})) {
      let at = 0;
      const reads = deltas.map((d) => (at += d));
      files.set(rel, { hash, reads, ...(warnings ? { warnings } : {}) });
    }
    return {
      record: {
        table: { ...createQuestionTable(questions), parts },
        answers: data.answers as string[],
        digested: true,
        files,
      },
      text,
    };
  } catch {
    // A damaged manifest describes nothing: every page is rendered, then it is written anew.
    return { record: emptyRecord() };
  }
}

/** `record` with only the questions its files read (renumbered). */
export function compact(record: BuildRecord): BuildRecord {
  const out = emptyRecord();
  out.digested = record.digested;
  const { table } = out;
  // New numbers by old (-1: not yet seen); hundreds of thousands of reads, so an array.
  const renumber = new Int32Array(record.table.questions.length).fill(-1);
  for (const [rel, entry] of record.files) {
    const reads = new Array<number>(entry.reads.length);
    for (let k = 0; k < reads.length; k++) {
      const i = entry.reads[k] as number;
      let j = renumber[i] as number;
      if (j === -1) {
        const question = record.table.questions[i] as Question;
        j = table.questions.push(question) - 1;
        table.ids.set(question, j);
        table.parts[j] = record.table.parts[i];
        out.answers.push(record.answers[i]);
        renumber[i] = j;
      }
      reads[k] = j;
    }
    out.files.set(rel, { ...entry, reads });
  }
  return out;
}

/** The manifest of `record`, with only the questions its files read, to be written to `file`. */
export function recordText(record: BuildRecord, header: BuildHeader, file: string): string {
  const kept = compact(record);
  const files: Manifest["files"] = {};
  for (const [rel, { hash, reads, warnings }] of kept.files) {
    // Ascending, as differences: most are small numbers (a third of the manifest's size).
    const sorted = [...reads].sort((a, b) => a - b);
    const deltas = sorted.map((i, k) => i - (k === 0 ? 0 : (sorted[k - 1] as number)));
    files[rel] = warnings ? [hash, deltas, warnings] : [hash, deltas];
  }
  const manifest: Manifest = {
    version: 5,
    ...header,
    folder: folderIdentity(dirname(file)),
    questions: kept.table.questions.map((_, i) => [...questionParts(kept.table, i)]),
    answers: kept.digested ? (kept.answers as string[]) : kept.answers.map(digest),
    files,
  };
  return `${JSON.stringify(manifest)}\n`;
}
