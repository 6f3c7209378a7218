import type {
  Category,
  Course,
  Episode,
  Library,
  LibrarySettings,
  Paper,
  Progress,
  ReferenceLink,
} from "../core/index.js";
import {
  categoriesSchema,
  courseSchema,
  episodeProgressSchema,
  episodeSchema,
  paperProgressSchema,
  paperSchema,
  referencesSchema,
  settingsSchema,
} from "../core/schemas.js";
import { encodeData } from "./encode-data.js";
import { compactData, stringifyFrontMatter } from "./front-matter.js";
import { coursePath, episodePath, LIBRARY_FILES, paperPath } from "./library-layout.js";
import { stringifyYaml } from "./yaml-document.js";

// Every file is written by its schema (encode-data.ts): keys in the schema's order, which is the
// order of docs/library-format.md, so a field added to a schema is written without an edit here.

/** `jingdu.yaml`. */
export function serializeSettings(settings: LibrarySettings): string {
  return stringifyYaml(compactData(encodeData(settingsSchema, settings)));
}

/** `categories.yaml`, in catalog order. */
export function serializeCategories(categories: readonly Category[]): string {
  if (categories.length === 0) return "[]\n";
  const ordered = [...categories].sort((a, b) => a.order - b.order);
  return stringifyYaml(compactData(encodeData(categoriesSchema, ordered)));
}

/** `papers/<id>.md`. The id is the file name, so it is not repeated in the front matter. */
export function serializePaper(paper: Paper): string {
  const { id: _fileName, ...fields } = paper;
  return stringifyFrontMatter(
    encodeData(paperSchema, fields) as Record<string, unknown>,
    paper.notes,
  );
}

/** `courses/<id>/course.md` (episodes are files of their own). */
export function serializeCourse(course: Omit<Course, "episodes">): string {
  const { id: _folderName, ...fields } = course;
  return stringifyFrontMatter(
    encodeData(courseSchema, fields) as Record<string, unknown>,
    course.notes,
  );
}

/** `courses/<course>/episodes/<NNN>.md`. */
export function serializeEpisode(episode: Episode): string {
  return stringifyFrontMatter(
    encodeData(episodeSchema, episode) as Record<string, unknown>,
    episode.notes,
  );
}

/** `progress.yaml`; episode numbers are written as numbers (`7: { status: done }`). */
export function serializeProgress(progress: Progress): string {
  const episodes = new Map<string, Map<number, unknown>>();
  for (const courseId of Object.keys(progress.episodes).sort()) {
    const byNumber = progress.episodes[courseId] ?? {};
    const entries = Object.keys(byNumber)
      .map(Number)
      .sort((a, b) => a - b)
      .map((n): [number, unknown] => {
        const e = byNumber[n];
        return [n, compactData(encodeData(episodeProgressSchema, e))];
      });
    if (entries.length > 0) episodes.set(courseId, new Map(entries));
  }
  const papers = new Map<string, unknown>();
  for (const paperId of Object.keys(progress.papers).sort()) {
    const p = progress.papers[paperId];
    if (!p) continue;
    // Empty lists stay (`passes: []`): an entry says the paper was opened for reading.
    papers.set(paperId, encodeData(paperProgressSchema, p));
  }
  return stringifyYaml({ episodes, papers });
}

/** `references.yaml`. */
export function serializeReferences(references: readonly ReferenceLink[]): string {
  if (references.length === 0) return "[]\n";
  return stringifyYaml(compactData(encodeData(referencesSchema, references)));
}

/** The parts of a library to write; each part present becomes its file(s). */
export type LibraryParts = Partial<Library>;

/**
 * Every file of the format for the parts given, as path (relative, `/`-separated) → content.
 * `loadLibrary` of these files gives the same library back.
 * @example libraryFiles({ papers: [resnet] }) // Map { "papers/resnet.md" => "---\nshort: ResNet…" }
 */
export function libraryFiles(lib: LibraryParts): Map<string, string> {
  const files = new Map<string, string>();
  if (lib.settings) files.set(LIBRARY_FILES.settings, serializeSettings(lib.settings));
  if (lib.categories) files.set(LIBRARY_FILES.categories, serializeCategories(lib.categories));
  for (const paper of lib.papers ?? []) files.set(paperPath(paper.id), serializePaper(paper));
  for (const course of lib.courses ?? []) {
    const { episodes, ...head } = course;
    files.set(coursePath(course.id), serializeCourse(head));
    for (const episode of episodes) {
      files.set(episodePath(course.id, episode.number), serializeEpisode(episode));
    }
  }
  if (lib.progress) files.set(LIBRARY_FILES.progress, serializeProgress(lib.progress));
  if (lib.references) files.set(LIBRARY_FILES.references, serializeReferences(lib.references));
  return files;
}
