/**
 * How an import writes a file that another source wrote (the `limu` template, another import):
 * it fills what the file lacks and never drops what the other source wrote. The seed's study log
 * imported over the template used to replace the template's papers wholesale, losing their
 * Semantic Scholar ids; this is the rule that keeps them.
 *
 * The rule, per front-matter key of a paper, course or episode file (`categories.yaml` and
 * `references.yaml` are merged by the import itself, entry by entry, before it gets here):
 * - a key only the file has is kept; a key only the import has is added;
 * - both have it: lists of names (`categories`, `tags`, `papers`, `mentions`) and of links
 *   (`links`, `videos`, by URL) and of files (`attachments`, by path) are united, the file's
 *   entries first; a map (`ids`, `source`) is
 *   filled key by key; any other value stays the file's;
 * - the notes (body): every line of the file's and of the import's, in order (a union merge).
 *
 * The keys where the result is not the import's value (the other source's, or a union) are
 * remembered in the import's manifest (`kept`), so the next run of the same import, which finds
 * the file as it left it, applies the same rule to those keys and takes its own values for the
 * rest: importing the same document twice changes nothing. The list follows from the file and
 * the import alone, so a run killed before its manifest is finished by the next one unchanged.
 */
import { diffLines } from "diff";
import type { ZodObject } from "zod";
import { courseSchema, episodeSchema, paperSchema } from "../core/schemas.js";
import { parseFrontMatter, stringifyFrontMatter } from "./front-matter.js";
import { libraryFileRole } from "./library-layout.js";

/** The pseudo-key of a note's body in `kept` (no front-matter key has parentheses). */
const BODY_KEY = "(notes)";

const UNITED_NAMES = new Set(["categories", "tags", "papers", "mentions"]);
const UNITED_LINKS = new Set(["links", "videos"]);

type Data = Record<string, unknown>;

const isMap = (v: unknown): v is Data => v !== null && typeof v === "object" && !Array.isArray(v);
const isEmpty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  v === "" ||
  v === false ||
  (Array.isArray(v) && v.length === 0) ||
  (isMap(v) && Object.keys(v).length === 0);

/** Entries of `extra` whose key (`key(entry)`) is not in `base`, appended to `base`. */
function unite(base: unknown[], extra: unknown[], key: (entry: unknown) => unknown): unknown[] {
  const seen = new Set(base.map(key));
  const out = [...base];
  for (const entry of extra) {
    const k = key(entry);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(entry);
  }
  return out;
}

const urlOf = (entry: unknown): unknown => (isMap(entry) ? entry.url : entry);
const pathOf = (entry: unknown): unknown => (isMap(entry) ? entry.path : entry);

/** One key's value when both the file (`mine`) and the import (`theirs`) have one. */
function fillValue(key: string, mine: unknown, theirs: unknown): unknown {
  if (Array.isArray(mine) && Array.isArray(theirs)) {
    if (UNITED_NAMES.has(key)) return unite(mine, theirs, (v) => v);
    if (UNITED_LINKS.has(key)) return unite(mine, theirs, urlOf);
    if (key === "attachments") return unite(mine, theirs, pathOf);
    return mine;
  }
  if (isMap(mine) && isMap(theirs)) {
    const out: Data = { ...mine };
    for (const [k, v] of Object.entries(theirs)) if (isEmpty(out[k])) out[k] = v;
    return out;
  }
  return mine;
}

/** The file's data filled from the import's, by the rule above. */
function fillData(mine: Data, theirs: Data): Data {
  const data: Data = {};
  for (const [key, value] of Object.entries(mine)) {
    if (isEmpty(value)) continue;
    data[key] = key in theirs && !isEmpty(theirs[key]) ? fillValue(key, value, theirs[key]) : value;
  }
  for (const [key, value] of Object.entries(theirs)) {
    if (!(key in data) && !isEmpty(value)) data[key] = value;
  }
  return data;
}

function ordered(data: Data, schema: ZodObject | undefined): Data {
  if (!schema) return data;
  const out: Data = {};
  for (const key of Object.keys(schema.shape)) if (key in data) out[key] = data[key];
  for (const [key, value] of Object.entries(data)) if (!(key in out)) out[key] = value;
  return out;
}

function schemaOf(path: string): ZodObject | undefined {
  switch (libraryFileRole(path)?.kind) {
    case "paper":
      return paperSchema;
    case "course":
      return courseSchema;
    case "episode":
      return episodeSchema;
    default:
      return undefined;
  }
}

function pick(data: Data, keys: ReadonlySet<string>): Data {
  const out: Data = {};
  for (const [key, value] of Object.entries(data)) if (keys.has(key)) out[key] = value;
  return out;
}

interface MergedFile {
  content: string;
  /** The keys the other source supplied (`BODY_KEY` for the notes). */
  kept: string[];
}

/**
 * The notes: the import's when the file has none; else every line of either, in order (a union
 * merge, as `git merge-file --union`): the template's notes of an episode are the log's without
 * its images, and the union puts each image back where it stood instead of repeating the text.
 */
function mergedBody(mine: string, theirs: string, keepMine: boolean): string {
  if (!keepMine) return theirs;
  if (theirs.trim() === "" || mine.includes(theirs)) return mine;
  return diffLines(`${mine}\n`, `${theirs}\n`)
    .map((part) => part.value)
    .join("")
    .replace(/\n$/, "");
}

/** A Markdown file with front matter: the file's (`mine`) filled from the import's (`theirs`). */
function mergeNote(path: string, mine: string, theirs: string, only?: ReadonlySet<string>) {
  const a = parseFrontMatter(mine, path);
  const b = parseFrontMatter(theirs, path);
  if (!isMap(a.data) || !isMap(b.data)) return undefined;
  const theirsData = b.data;
  const data = fillData(only ? pick(a.data, only) : a.data, theirsData);
  // A paper the import knew by name only is not unresolved once the file gives it ids or links.
  if (data.unresolved === true && (!isEmpty(data.ids) || !isEmpty(data.links))) {
    delete data.unresolved;
  }
  const keepBody = a.body.trim() !== "" && (!only || only.has(BODY_KEY));
  const body = mergedBody(a.body, b.body, keepBody);
  // What the other source decided: the keys whose value is not the import's (and the notes, when
  // they are not). A later run of the import keeps filling them; the rest are its own to update.
  const kept = Object.keys(data).filter(
    (key) => JSON.stringify(data[key]) !== JSON.stringify(theirsData[key]),
  );
  if (body !== b.body) kept.push(BODY_KEY);
  const content = stringifyFrontMatter(ordered(data, schemaOf(path)), body);
  return { content, kept };
}

/**
 * Merges the import's version of a file into the file another source wrote, or undefined when
 * the file is not one this rule knows (then the caller treats it as it always did). `only`: the
 * keys another source supplied, when the file is as this import last left it.
 */
export function mergeImportedFile(
  path: string,
  mine: string,
  theirs: string,
  only?: readonly string[],
): MergedFile | undefined {
  const keys = only ? new Set(only) : undefined;
  return path.endsWith(".md") ? mergeNote(path, mine, theirs, keys) : undefined;
}
