import type { Diagnostic } from "../core/index.js";
import { courseSchema, episodeSchema, paperSchema } from "../core/schemas.js";
import { parseFrontMatter, stringifyFrontMatter } from "./front-matter.js";
import { libraryFileRole } from "./library-layout.js";
import { parseLibraryFile } from "./parse-file.js";

const KEY_ORDER: Record<string, readonly string[]> = {
  paper: Object.keys(paperSchema.shape),
  course: Object.keys(courseSchema.shape),
  episode: Object.keys(episodeSchema.shape),
};

/** What a front matter edit gives: the new text, and the problems the loader finds in it. */
export interface FrontMatterEdit {
  text: string;
  /** The front matter as it was, before the edit. */
  before: Record<string, unknown>;
  errors: Diagnostic[];
}

/**
 * Sets fields of a paper's, course's or episode's front matter (`undefined` removes one), keeps
 * every other key and the body as they are, and writes keys in the schema's order (unknown keys
 * after them), as every writer does. The result is checked by the loader: its errors come back
 * so that the caller refuses the edit instead of writing a file that would be skipped.
 * @example editFrontMatter("papers/resnet.md", text, { year: 2016, tags: ["cnn"] })
 */
export function editFrontMatter(
  file: string,
  text: string,
  fields: Readonly<Record<string, unknown>>,
): FrontMatterEdit {
  const parsed = parseFrontMatter(text, file);
  const before = { ...((parsed.data ?? {}) as Record<string, unknown>) };
  const data: Record<string, unknown> = { ...before };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) delete data[key];
    else data[key] = value;
  }
  const order = KEY_ORDER[libraryFileRole(file)?.kind ?? ""] ?? [];
  const ordered: Record<string, unknown> = {};
  for (const key of order) if (key in data) ordered[key] = data[key];
  for (const key of Object.keys(data)) if (!(key in ordered)) ordered[key] = data[key];
  const next = stringifyFrontMatter(ordered, parsed.body);
  // Only problems the edit brings: a file that had one already can still be edited.
  const had = new Set(errorsOf(file, text).map((d) => `${d.rule}\0${d.message}`));
  const errors = errorsOf(file, next).filter((d) => !had.has(`${d.rule}\0${d.message}`));
  return { text: next, before, errors };
}

const errorsOf = (file: string, text: string): Diagnostic[] =>
  (parseLibraryFile(file, text)?.diagnostics ?? []).filter((d) => d.level === "error");
