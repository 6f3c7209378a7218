import { parseDocument } from "yaml";
import type { DiagnosticSink } from "./diagnostics.js";

/** Front matter read as data (never executed), and where the body starts. */
export interface FrontMatter {
  data: Record<string, unknown>;
  /** Index of the first body line (0 when there is no front matter). */
  bodyStart: number;
}

const OPEN = /^---([A-Za-z]*)\s*$/;
const CLOSE = /^(?:---|\.\.\.)\s*$/;

/** Reads Jekyll-style YAML front matter at the top of `lines`; problems become diagnostics. */
export function readFrontMatter(lines: string[], sink: DiagnosticSink): FrontMatter {
  const open = OPEN.exec(lines[0] ?? "");
  if (!open) return { data: {}, bodyStart: 0 };
  const end = lines.findIndex((line, i) => i > 0 && CLOSE.test(line));
  if (end < 0) {
    sink.warning(
      "front-matter-unclosed",
      1,
      "front matter starts with `---` but has no closing `---`; read as Markdown",
    );
    return { data: {}, bodyStart: 0 };
  }
  const language = (open[1] ?? "").toLowerCase();
  if (language !== "" && language !== "yaml" && language !== "yml") {
    sink.error(
      "front-matter-language",
      1,
      `front matter in \`${language}\` is refused: only YAML is read, never code`,
      "Rewrite the front matter as YAML between `---` lines.",
    );
    return { data: {}, bodyStart: end + 1 };
  }
  const source = lines.slice(1, end).join("\n");
  let value: unknown;
  try {
    value = readYaml(source, sink);
  } catch (err) {
    // yaml throws on an alias bomb (`maxAliasCount`) and overflows the stack on thousands of
    // nested brackets: the front matter is dropped, the body is still imported.
    const aliases = err instanceof Error && /alias/i.test(err.message);
    sink.error(
      "front-matter-invalid",
      2,
      aliases
        ? "front matter repeats YAML aliases (`*name`) more than 100 times, the shape of an alias bomb; title, tags and state were not read"
        : err instanceof RangeError
          ? "front matter is nested too deeply to read; title, tags and state were not read"
          : `front matter could not be read (${String((err as Error)?.message ?? err).slice(0, 120)}); title, tags and state were not read`,
      "Write the front matter as plain `key: value` lines; the body was imported anyway.",
    );
    return { data: {}, bodyStart: end + 1 };
  }
  if (value === INVALID || value === null || value === undefined) {
    return { data: {}, bodyStart: end + 1 };
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    sink.warning("front-matter-not-mapping", 2, "front matter is not a YAML mapping; ignored");
    return { data: {}, bodyStart: end + 1 };
  }
  return { data: value as Record<string, unknown>, bodyStart: end + 1 };
}

const INVALID = Symbol("invalid");

/** The front matter's YAML as data, or INVALID after reporting a syntax error; may throw. */
function readYaml(source: string, sink: DiagnosticSink): unknown {
  const doc = parseDocument(source, { schema: "core", uniqueKeys: false, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const line = 1 + (first.linePos?.[0]?.line ?? 1);
    const reason = first.message.split("\n")[0] ?? first.message;
    sink.error(
      "front-matter-invalid",
      line,
      `front matter is not valid YAML (${reason}); title, tags and state were not read`,
      "Fix the YAML; the body was imported anyway.",
    );
    return INVALID;
  }
  return doc.toJS({ maxAliasCount: 100 });
}

/** A front-matter value as a list of strings: YAML lists, or Jekyll's space-separated string. */
export function stringList(value: unknown, splitSpaces: boolean): string[] {
  if (Array.isArray(value)) {
    // Scalars only: a nested list is no tag (and stringifying a deep one recurses).
    return value
      .filter((v) => v !== null && v !== undefined && typeof v !== "object")
      .map((v) => String(v).trim());
  }
  if (typeof value === "string" || typeof value === "number") {
    const text = String(value).trim();
    if (text === "") return [];
    return splitSpaces ? text.split(/\s+/) : [text];
  }
  return [];
}

/** Matched on the trimmed title: a leading `\s*` retried from every blank of a long title. */
const IN_PROGRESS = /[（(]\s*(?:进行中|学习中|更新中|in progress|wip)[.。…]{0,6}\s*[)）]$/i;
const FINISHED =
  /[（(]\s*(?:已完成|已完结|完结|完成|finished|done|completed)[.。…!！]{0,6}\s*[)）]$/i;

/**
 * Splits a state suffix off a title: `（进行中）`, `（进行中……）` → in progress, `（已完成）` →
 * finished.
 */
export function readCourseTitle(title: string): {
  title: string;
  inProgress: boolean;
  finished?: boolean;
} {
  const trimmed = title.trim();
  const inProgress = IN_PROGRESS.test(trimmed);
  if (!inProgress && FINISHED.test(trimmed)) {
    return { title: trimmed.replace(FINISHED, "").trim(), inProgress: false, finished: true };
  }
  return { title: trimmed.replace(IN_PROGRESS, "").trim(), inProgress };
}
