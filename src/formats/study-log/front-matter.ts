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
    return { data: {}, bodyStart: end + 1 };
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined) return { data: {}, bodyStart: end + 1 };
  if (typeof value !== "object" || Array.isArray(value)) {
    sink.warning("front-matter-not-mapping", 2, "front matter is not a YAML mapping; ignored");
    return { data: {}, bodyStart: end + 1 };
  }
  return { data: value as Record<string, unknown>, bodyStart: end + 1 };
}

/** A front-matter value as a list of strings: YAML lists, or Jekyll's space-separated string. */
export function stringList(value: unknown, splitSpaces: boolean): string[] {
  if (Array.isArray(value)) {
    return value.filter((v) => v !== null && v !== undefined).map((v) => String(v).trim());
  }
  if (typeof value === "string" || typeof value === "number") {
    const text = String(value).trim();
    if (text === "") return [];
    return splitSpaces ? text.split(/\s+/) : [text];
  }
  return [];
}

const IN_PROGRESS = /\s*[（(]\s*(?:进行中|in progress|wip)\s*[)）]\s*$/i;

/** Splits a `（进行中）` / `(进行中)` suffix off a title: the course is in progress. */
export function readCourseTitle(title: string): { title: string; inProgress: boolean } {
  const inProgress = IN_PROGRESS.test(title);
  return { title: title.replace(IN_PROGRESS, "").trim(), inProgress };
}
