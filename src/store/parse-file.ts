import type { z } from "zod";
import {
  type Category,
  type Course,
  type Diagnostic,
  type Episode,
  isValidId,
  type LibrarySettings,
  type Paper,
  type Progress,
  type ReferenceLink,
  type ReviewCard,
  type Reviews,
  slugify,
} from "../core/index.js";
import {
  categoriesSchema,
  courseSchema,
  episodeSchema,
  paperSchema,
  progressSchema,
  referencesSchema,
  reviewsSchema,
  settingsSchema,
} from "../core/schemas.js";
import { parseFrontMatter } from "./front-matter.js";
import { type LibraryFileRole, libraryFileRole } from "./library-layout.js";
import type { ReadFile } from "./read-files.js";
import {
  type UnknownKey,
  type Validated,
  type ValidateOptions,
  validateData,
} from "./validate-file.js";
import { type ParsedYaml, parseYaml } from "./yaml-document.js";

/** A course as read from its `course.md`, before its episodes are attached. */
export type CourseHead = Omit<Course, "episodes">;

interface ParsedBase {
  file: string;
  diagnostics: Diagnostic[];
  unknownKeys: UnknownKey[];
  /** Dotted YAML path → line in the file, for messages about cross-file problems. */
  lines: Record<string, number>;
  /** The `id:` the front matter declares, when it does. */
  declaredId?: string;
}

/** One library file read into the model; the value is missing when the file was unusable. */
export type ParsedLibraryFile = ParsedBase &
  (
    | { kind: "settings"; settings?: LibrarySettings }
    | { kind: "categories"; categories?: Category[] }
    | { kind: "paper"; paper?: Paper }
    | { kind: "course"; course?: CourseHead }
    | { kind: "episode"; episode?: Episode; fileNumber?: number }
    | { kind: "progress"; progress?: Progress }
    | { kind: "references"; references?: ReferenceLink[] }
    | { kind: "reviews"; reviews?: Reviews }
  );

const FRONT_MATTER_DEPTH = (): number => 2;

function badFileName(file: string, id: string, what: string): Diagnostic {
  return {
    level: "error",
    rule: "id-invalid",
    message: `${what} id \`${id}\` (from the file name) is not a valid id`,
    file,
    line: 0,
    hint: `Rename it to \`${slugify(id) || "an-id"}\`: lower-case letters or digits joined by \`-\`.`,
  };
}

function missingFrontMatter(file: string): Diagnostic {
  return {
    level: "error",
    rule: "front-matter-missing",
    message: "the file has no front matter",
    file,
    line: 1,
    hint: "Start the file with `---`, the YAML metadata, and another `---` line.",
  };
}

function base(file: string, parsed: ParsedYaml, checked: Validated<unknown>): ParsedBase {
  return {
    file,
    diagnostics: [...parsed.diagnostics, ...checked.diagnostics],
    unknownKeys: checked.unknownKeys,
    lines: parsed.lines,
  };
}

const isPlainMap = (value: unknown): boolean =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function notAMapping(file: string, data: unknown, line: number): Diagnostic {
  const found = Array.isArray(data) ? "a list" : `a single ${typeof data} value`;
  return {
    level: "error",
    rule: "front-matter-not-mapping",
    message: `the front matter is ${found}, not \`key: value\` lines`,
    file,
    line,
    hint: "Write the metadata as `key: value` lines between the `---` lines; the file was skipped.",
  };
}

const NO_VALUE: Validated<never> = { diagnostics: [], unknownKeys: [] };

function parseMarkdownItem(file: string, role: LibraryFileRole, text: string): ParsedLibraryFile {
  const fm = parseFrontMatter(text, file);
  const at = { file, line: 1, body: fm.bodyLine };
  if (fm.data !== undefined && fm.data !== null && !isPlainMap(fm.data)) {
    fm.diagnostics.push(notAMapping(file, fm.data, fm.firstLine));
    fm.data = undefined;
  }
  /** The front matter checked against `schema`; its value is a fresh object, ours to complete. */
  const check = <S extends z.ZodType<{ id?: string } | { number: number }>>(
    schema: S,
    required: string[],
  ) => {
    const checked: Validated<z.output<S>> =
      fm.data === undefined
        ? NO_VALUE
        : validateData(schema, fm.data, fm, { file, required, dropDepth: FRONT_MATTER_DEPTH });
    const head = base(file, fm, checked);
    if (!fm.hasFrontMatter) head.diagnostics.push(missingFrontMatter(file));
    const declared = checked.value && "id" in checked.value ? checked.value.id : undefined;
    if (declared !== undefined) head.declaredId = declared;
    return { head, value: checked.value };
  };
  if (role.kind === "paper") {
    const { head, value } = check(paperSchema, ["short"]);
    if (!isValidId(role.paperId)) head.diagnostics.push(badFileName(file, role.paperId, "paper"));
    // What the file gives beside its front matter: the id, the body and the place.
    const paper = value && Object.assign(value, { id: role.paperId, notes: fm.body, at });
    return { kind: "paper", ...head, ...(paper ? { paper } : {}) };
  }
  if (role.kind === "course") {
    const { head, value } = check(courseSchema, ["title"]);
    if (!isValidId(role.courseId))
      head.diagnostics.push(badFileName(file, role.courseId, "course"));
    const course = value && Object.assign(value, { id: role.courseId, notes: fm.body, at });
    return { kind: "course", ...head, ...(course ? { course } : {}) };
  }
  const { head, value } = check(episodeSchema, ["number", "title"]);
  if (role.kind !== "episode") return { kind: "episode", ...head };
  const episode = value && Object.assign(value, { courseId: role.courseId, notes: fm.body, at });
  return {
    kind: "episode",
    ...head,
    ...(role.fileNumber === undefined ? {} : { fileNumber: role.fileNumber }),
    ...(episode ? { episode } : {}),
  };
}

function parseYamlFile(
  file: string,
  kind: "settings" | "categories" | "progress" | "references" | "reviews",
  text: string,
): ParsedLibraryFile {
  const parsed = parseYaml(text, { file });
  const data = parsed.data;
  /** `data` checked against `schema`; an empty file is `whenEmpty`, unreadable YAML no value. */
  const check = <S extends z.ZodType>(
    schema: S,
    whenEmpty: unknown,
    dropDepth: ValidateOptions["dropDepth"],
    required: string[] = [],
  ) => {
    const checked: Validated<z.output<S>> =
      data === undefined
        ? NO_VALUE
        : validateData(schema, data ?? whenEmpty, parsed, { file, required, dropDepth });
    return { head: base(file, parsed, checked), value: checked.value };
  };
  if (kind === "reviews") {
    // A bad log entry drops that entry; any other bad value drops the card.
    const { head, value } = check(reviewsSchema, {}, (path) => (path[2] === "log" ? 4 : 2));
    const cards: Record<string, ReviewCard> = {};
    for (const [id, c] of Object.entries(value?.cards ?? {})) cards[id] = { ...c, id };
    return { kind, ...head, ...(value ? { reviews: { cards } } : {}) };
  }
  if (kind === "settings") {
    // A bad `sources.s2.maxAge` drops that one setting, not every source's.
    const dropDepth = (path: readonly PropertyKey[]) => (path[0] === "sources" ? 3 : 1);
    const { head, value } = check(settingsSchema, {}, dropDepth, ["title"]);
    return { kind, ...head, ...(value ? { settings: value } : {}) };
  }
  if (kind === "categories") {
    const { head, value } = check(categoriesSchema, [], () => 1);
    const categories = value?.map((c, order) => ({ ...c, order }));
    return { kind, ...head, ...(categories ? { categories } : {}) };
  }
  if (kind === "references") {
    const { head, value } = check(referencesSchema, [], () => 1);
    return { kind, ...head, ...(value ? { references: value } : {}) };
  }
  // Episode numbers are the file's keys as text; the schema decoded positions to seconds.
  const { head, value } = check(progressSchema, {}, (path) => (path[0] === "episodes" ? 3 : 2));
  return { kind, ...head, ...(value ? { progress: value } : {}) };
}

/**
 * Reads one library file (path relative to the root, `/`-separated) into the model, with every
 * problem as a diagnostic; `undefined` for a path that is not a library file.
 * @example parseLibraryFile("papers/resnet.md", text)?.kind // "paper"
 */
export function parseLibraryFile(path: string, text: string): ParsedLibraryFile | undefined {
  const role = libraryFileRole(path);
  if (!role) return undefined;
  try {
    if (role.kind === "paper" || role.kind === "course" || role.kind === "episode") {
      return parseMarkdownItem(path, role, text);
    }
    return parseYamlFile(path, role.kind, text);
  } catch (err) {
    // The parsers report what they know as diagnostics; anything they did not foresee is still
    // this one file's problem: it is skipped and named, and the rest of the library loads.
    return {
      kind: role.kind,
      file: path,
      diagnostics: [
        {
          level: "error",
          rule: "file-unreadable",
          message: `the file could not be read: ${String((err as Error)?.message ?? err).slice(0, 200)}`,
          file: path,
          line: 1,
          hint: "The file was skipped; simplify or fix it (`jingdu doctor` lists its other problems).",
        },
      ],
      unknownKeys: [],
      lines: {},
    } as ParsedLibraryFile;
  }
}

/**
 * `parseLibraryFile` for a file as read from disk: bytes that are not UTF-8 are reported with
 * their line (`not-utf8`); the item still loads, showing them as U+FFFD, and the file on disk is
 * left as it is.
 */
export function parseReadFile(file: ReadFile): ParsedLibraryFile | undefined {
  const parsed = parseLibraryFile(file.path, file.text);
  if (parsed && file.notUtf8Line !== undefined) {
    parsed.diagnostics.push(notUtf8(file.path, file.notUtf8Line));
  }
  return parsed;
}

/** The diagnostic for a library file holding bytes that are not UTF-8. */
export function notUtf8(file: string, line: number): Diagnostic {
  return {
    level: "warning",
    rule: "not-utf8",
    message: "bytes that are not UTF-8 text; shown as U+FFFD, the file is kept as it is",
    file,
    line,
    hint: "Convert the file to UTF-8 (e.g. `iconv -f GB18030 -t UTF-8`), or fix the bytes on that line.",
  };
}
