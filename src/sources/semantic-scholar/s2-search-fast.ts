/**
 * A hand-written check of a `/paper/search` answer, tried before zod: on 1,000 searches zod's
 * object parsing ran mostly before V8 had optimized it (~165 ms for the first 1,000 answers,
 * ~10 ms once warm), where this plain check costs a few ms. It accepts only what
 * `s2SearchSchema` accepts and gives what it gives (held equal by s2-search-fast.test.ts); for
 * anything it is not sure of it returns undefined and zod decides, so every error message is
 * zod's.
 */
import type { z } from "zod";
import type { s2SearchSchema } from "./s2-schema.js";

export type S2SearchAnswer = z.output<typeof s2SearchSchema>;
type Paper = NonNullable<S2SearchAnswer["data"]>[number];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" &&
  v !== null &&
  !Array.isArray(v) &&
  Object.getPrototypeOf(v) === Object.prototype;
const nullishString = (v: unknown) => v === undefined || v === null || typeof v === "string";
const nullishInt = (v: unknown) => v === undefined || v === null || Number.isSafeInteger(v);
const nullishNumber = (v: unknown) =>
  v === undefined || v === null || (typeof v === "number" && Number.isFinite(v));

/** Copies the keys `input` has, of `keys`, in that order (as zod writes a parsed object). */
function pick(input: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in input) out[k] = input[k];
  return out;
}

const PAPER_KEYS = [
  "paperId",
  "corpusId",
  "externalIds",
  "title",
  "venue",
  "year",
  "citationCount",
  "openAccessPdf",
  "authors",
] as const;

function paper(v: unknown): Paper | undefined {
  if (!isRecord(v) || typeof v.paperId !== "string") return undefined;
  if (!nullishNumber(v.corpusId) || !nullishString(v.title) || !nullishString(v.venue))
    return undefined;
  if (!nullishInt(v.year) || !nullishInt(v.citationCount)) return undefined;
  const out = pick(v, PAPER_KEYS);
  const ids = v.externalIds;
  if (ids !== undefined && ids !== null) {
    if (!isRecord(ids)) return undefined;
    const copy: Record<string, unknown> = {};
    for (const k of Object.keys(ids)) {
      const x = ids[k];
      if (k === "__proto__" || !(x === null || typeof x === "string" || Number.isFinite(x)))
        return undefined;
      copy[k] = x;
    }
    out.externalIds = copy;
  }
  const pdf = v.openAccessPdf;
  if (pdf !== undefined && pdf !== null) {
    if (!isRecord(pdf) || !nullishString(pdf.url) || !nullishString(pdf.status)) return undefined;
    if (!nullishString(pdf.license)) return undefined;
    out.openAccessPdf = pick(pdf, ["url", "status", "license"]);
  }
  const authors = v.authors;
  if (authors !== undefined && authors !== null) {
    if (!Array.isArray(authors)) return undefined;
    const list: Record<string, unknown>[] = [];
    for (const a of authors) {
      if (!isRecord(a) || !nullishString(a.authorId) || !nullishString(a.name)) return undefined;
      list.push(pick(a, ["authorId", "name"]));
    }
    out.authors = list;
  }
  return out as Paper;
}

/** The answer as `s2SearchSchema` parses it, or undefined: then zod is asked. */
export function fastSearchAnswer(value: unknown): S2SearchAnswer | undefined {
  if (!isRecord(value)) return undefined;
  if (!("data" in value)) return {};
  const data = value.data;
  if (data === null || data === undefined) return { data };
  if (!Array.isArray(data)) return undefined;
  const papers: Paper[] = [];
  for (const p of data) {
    const checked = paper(p);
    if (!checked) return undefined;
    papers.push(checked);
  }
  return { data: papers };
}
