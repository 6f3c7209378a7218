import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { transcriptFileRole } from "../core/index.js";

/** The fixed files of a library, relative to its root. */
export const LIBRARY_FILES = {
  settings: "jingdu.yaml",
  categories: "categories.yaml",
  progress: "progress.yaml",
  references: "references.yaml",
  reviews: "reviews.yaml",
} as const;

/** Folder of derived data (the index); safe to delete. */
export const DERIVED_DIR = ".jingdu";
/** The static build's rendered notes (`src/site/render-cache.ts`). */
export const RENDER_CACHE_FILE = `${DERIVED_DIR}/render-cache.bin`;
export const IMPORTS_DIR = "imports";

export type LibraryFileKind =
  | "settings"
  | "categories"
  | "paper"
  | "course"
  | "episode"
  | "progress"
  | "references"
  | "reviews";

/** What a library file is, from its path alone. */
export type LibraryFileRole =
  | { kind: "settings" | "categories" | "progress" | "references" | "reviews" }
  | { kind: "paper"; paperId: string }
  | { kind: "course"; courseId: string }
  /** `fileNumber` is the number in the file name (`007.md` → 7), when it is one. */
  | { kind: "episode"; courseId: string; fileNumber?: number };

export const paperPath = (id: string): string => `papers/${id}.md`;
export const coursePath = (id: string): string => `courses/${id}/course.md`;
export const episodePath = (courseId: string, number: number): string =>
  `courses/${courseId}/episodes/${String(number).padStart(3, "0")}.md`;

/** Classifies a `/`-separated path relative to the root; `undefined` for other files. */
export function libraryFileRole(path: string): LibraryFileRole | undefined {
  switch (path) {
    case LIBRARY_FILES.settings:
      return { kind: "settings" };
    case LIBRARY_FILES.categories:
      return { kind: "categories" };
    case LIBRARY_FILES.progress:
      return { kind: "progress" };
    case LIBRARY_FILES.references:
      return { kind: "references" };
    case LIBRARY_FILES.reviews:
      return { kind: "reviews" };
  }
  const parts = path.split("/");
  const name = parts[parts.length - 1] ?? "";
  if (!name.endsWith(".md") || name.startsWith(".")) return undefined;
  if (parts.length === 2 && parts[0] === "papers") {
    return { kind: "paper", paperId: name.slice(0, -3) };
  }
  if (parts[0] !== "courses" || !parts[1]) return undefined;
  if (parts.length === 3 && name === "course.md") return { kind: "course", courseId: parts[1] };
  if (parts.length === 4 && parts[2] === "episodes") {
    const digits = /^(\d+)\.md$/.exec(name)?.[1];
    return digits === undefined
      ? { kind: "episode", courseId: parts[1] }
      : { kind: "episode", courseId: parts[1], fileNumber: Number(digits) };
  }
  return undefined;
}

/** Folders whose files the site uses besides the library files (`metadata/`, `files/`, …). */
const SITE_INPUT_DIRS = new Set(["metadata", "files", "snapshots", "transcripts"]);
/** Folders that hold library files. */
const LIBRARY_DIRS = new Set(["papers", "courses"]);

/**
 * What a change to this path (relative, `/`-separated; a file or folder, maybe gone) means for a
 * loaded library: `library`, a library file to read again; `site`, what the site shows beside
 * the library (`metadata/`, `files/`, `snapshots/`: read those again, not the library); `other`,
 * more than one library file (a course folder: load it all again); `none`, nothing it reads (an
 * editor's swap or probe file, hidden files, notes.txt).
 */
export function changeKind(path: string): "library" | "site" | "other" | "none" {
  const parts = path.split("/");
  if (parts.some((part) => part === "" || part.startsWith("."))) return "none";
  if (libraryFileRole(path)) return "library";
  const [top = "", second, third] = parts;
  if (SITE_INPUT_DIRS.has(top)) return "site";
  if (parts.length === 1) return LIBRARY_DIRS.has(top) ? "other" : "none";
  if (top === "courses") {
    // A course's folder, or its episodes folder: what they hold is listed again.
    if (parts.length === 2 && second) return "other";
    if (parts.length === 3 && third === "episodes") return "other";
  }
  return "none";
}

async function entries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return [];
    throw err;
  }
}

const isVisibleFile = (e: Dirent): boolean => e.isFile() && !e.name.startsWith(".");

/** Every library file under `root` (relative, `/`-separated, sorted); other files are ignored. */
export async function listLibraryFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const e of await entries(root)) {
    if (isVisibleFile(e) && libraryFileRole(e.name)) found.push(e.name);
  }
  for (const e of await entries(join(root, "papers"))) {
    if (isVisibleFile(e) && e.name.endsWith(".md")) found.push(`papers/${e.name}`);
  }
  const courses = (await entries(join(root, "courses"))).filter(
    (e) => e.isDirectory() && !e.name.startsWith("."),
  );
  const perCourse = await Promise.all(
    courses.map(async (course) => {
      const base = `courses/${course.name}`;
      const files: string[] = [];
      for (const e of await entries(join(root, base))) {
        if (isVisibleFile(e) && e.name === "course.md") files.push(`${base}/course.md`);
      }
      for (const e of await entries(join(root, base, "episodes"))) {
        if (isVisibleFile(e) && e.name.endsWith(".md")) files.push(`${base}/episodes/${e.name}`);
      }
      return files;
    }),
  );
  found.push(...perCourse.flat());
  return found.sort();
}

/** Every transcript file, `transcripts/<course>/<n>.vtt` (relative, sorted by course and number). */
export async function listTranscriptFiles(root: string): Promise<string[]> {
  const found: { path: string; course: string; number: number }[] = [];
  for (const course of await entries(join(root, "transcripts"))) {
    if (!course.isDirectory() || course.name.startsWith(".")) continue;
    for (const e of await entries(join(root, "transcripts", course.name))) {
      const path = `transcripts/${course.name}/${e.name}`;
      const role = isVisibleFile(e) ? transcriptFileRole(path) : undefined;
      if (role) found.push({ path, course: role.courseId, number: role.number });
    }
  }
  // By number, not by name: the index's cues then come in lecture order (10 after 9).
  found.sort((a, b) => (a.course < b.course ? -1 : a.course > b.course ? 1 : a.number - b.number));
  return found.map((f) => f.path);
}
