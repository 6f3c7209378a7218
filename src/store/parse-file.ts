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
import { type UnknownKey, type Validated, validateData } from "./validate-file.js";
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
  const noData = fm.data === undefined;
  const extra = !fm.hasFrontMatter ? [missingFrontMatter(file)] : [];
  if (role.kind === "paper") {
    const checked = noData
      ? NO_VALUE
      : validateData(paperSchema, fm.data, fm, {
          file,
          required: ["short"],
          dropDepth: FRONT_MATTER_DEPTH,
        });
    const out: ParsedLibraryFile = { kind: "paper", ...base(file, fm, checked) };
    out.diagnostics.push(...extra);
    if (!isValidId(role.paperId)) out.diagnostics.push(badFileName(file, role.paperId, "paper"));
    const v = checked.value;
    if (v) {
      if (v.id !== undefined) out.declaredId = v.id;
      // The front matter as its schema decoded it (a fresh object, ours to complete: no copy),
      // and what the file gives: the id, the body and the place.
      out.paper = Object.assign(v, { id: role.paperId, notes: fm.body, at });
    }
    return out;
  }
  if (role.kind === "course") {
    const checked = noData
      ? NO_VALUE
      : validateData(courseSchema, fm.data, fm, {
          file,
          required: ["title"],
          dropDepth: FRONT_MATTER_DEPTH,
        });
    const out: ParsedLibraryFile = { kind: "course", ...base(file, fm, checked) };
    out.diagnostics.push(...extra);
    if (!isValidId(role.courseId)) out.diagnostics.push(badFileName(file, role.courseId, "course"));
    const v = checked.value;
    if (v) {
      if (v.id !== undefined) out.declaredId = v.id;
      out.course = Object.assign(v, { id: role.courseId, notes: fm.body, at });
    }
    return out;
  }
  // An episode.
  const checked = noData
    ? NO_VALUE
    : validateData(episodeSchema, fm.data, fm, {
        file,
        required: ["number", "title"],
        dropDepth: FRONT_MATTER_DEPTH,
      });
  const out: ParsedLibraryFile = { kind: "episode", ...base(file, fm, checked) };
  out.diagnostics.push(...extra);
  if (role.kind === "episode" && role.fileNumber !== undefined) out.fileNumber = role.fileNumber;
  const v = checked.value;
  if (v && role.kind === "episode") {
    out.episode = Object.assign(v, { courseId: role.courseId, notes: fm.body, at });
  }
  return out;
}

function parseYamlFile(
  file: string,
  kind: "settings" | "categories" | "progress" | "references" | "reviews",
  text: string,
): ParsedLibraryFile {
  const parsed = parseYaml(text, { file });
  const data = parsed.data;
  const empty = data === null || data === undefined;
  if (kind === "reviews") {
    const checked =
      data === undefined
        ? NO_VALUE
        : validateData(reviewsSchema, empty ? {} : data, parsed, {
            file,
            required: [],
            // A bad log entry drops that entry; any other bad value drops the card.
            dropDepth: (path) => (path[2] === "log" ? 4 : 2),
          });
    const v = checked.value;
    let reviews: Reviews | undefined;
    if (v) {
      reviews = { cards: {} };
      for (const [id, c] of Object.entries(v.cards)) {
        const card: ReviewCard = { ...c, id };
        reviews.cards[id] = card;
      }
    }
    return { kind, ...base(file, parsed, checked), ...(reviews ? { reviews } : {}) };
  }
  if (kind === "settings") {
    const checked =
      data === undefined
        ? NO_VALUE
        : validateData(settingsSchema, data ?? {}, parsed, {
            file,
            required: ["title"],
            // A bad `sources.s2.maxAge` drops that one setting, not every source's.
            dropDepth: (path) => (path[0] === "sources" ? 3 : 1),
          });
    const v = checked.value;
    return {
      kind,
      ...base(file, parsed, checked),
      ...(v ? { settings: v } : {}),
    };
  }
  if (kind === "categories") {
    const checked =
      data === undefined
        ? NO_VALUE
        : validateData(categoriesSchema, empty ? [] : data, parsed, {
            file,
            required: [],
            dropDepth: () => 1,
          });
    const v = checked.value;
    return {
      kind,
      ...base(file, parsed, checked),
      ...(v ? { categories: v.map((c, order) => ({ ...c, order })) } : {}),
    };
  }
  if (kind === "references") {
    const checked =
      data === undefined
        ? NO_VALUE
        : validateData(referencesSchema, empty ? [] : data, parsed, {
            file,
            required: [],
            dropDepth: () => 1,
          });
    const v = checked.value;
    return {
      kind,
      ...base(file, parsed, checked),
      ...(v ? { references: v } : {}),
    };
  }
  const checked =
    data === undefined
      ? NO_VALUE
      : validateData(progressSchema, empty ? {} : data, parsed, {
          file,
          required: [],
          dropDepth: (path) => (path[0] === "episodes" ? 3 : 2),
        });
  const v = checked.value;
  // Episode numbers are the file's keys as text; the schema decoded positions to seconds.
  const progress: Progress | undefined = v;
  return { kind, ...base(file, parsed, checked), ...(progress ? { progress } : {}) };
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
