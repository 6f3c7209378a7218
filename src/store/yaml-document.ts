import { Document, isMap, isScalar, LineCounter, parseDocument, Scalar, visit } from "yaml";
import type { Diagnostic } from "../core/index.js";
import { fastStringifyYaml } from "./fast-stringify-yaml.js";
import { fastParseYamlMap } from "./fast-yaml.js";
import { collectLines, deepFlowLine, MAX_DEPTH } from "./yaml-shape.js";

export { deepFlowLine, MAX_DEPTH } from "./yaml-shape.js";

/** YAML parsed as data, with the line of every node so a problem can name file and line. */
export interface ParsedYaml {
  /** The data, or `undefined` when the text is not valid YAML (then `diagnostics` says why). */
  data: unknown;
  diagnostics: Diagnostic[];
  /** Dotted path (`videos.0.url`) → 1-based line in the file. */
  lines: Record<string, number>;
  /** First line of the YAML in the file (1-based). */
  firstLine: number;
}

export interface ParseYamlOptions {
  /** Path relative to the library root, for diagnostics. */
  file: string;
  /** Lines before the YAML in the file (1 for front matter after `---`). */
  lineOffset?: number;
  /** Try the fast reader for simple block mappings first (front matter). */
  fast?: boolean;
}

const PLAIN_TAGS = new Set([
  "tag:yaml.org,2002:str",
  "tag:yaml.org,2002:int",
  "tag:yaml.org,2002:float",
  "tag:yaml.org,2002:bool",
  "tag:yaml.org,2002:null",
  "tag:yaml.org,2002:map",
  "tag:yaml.org,2002:seq",
]);

/** Line of a dotted path, or of its nearest recorded ancestor, or the first line of the YAML. */
export function lineOfPath(parsed: ParsedYaml, path: readonly PropertyKey[]): number {
  for (let n = path.length; n > 0; n--) {
    const line = parsed.lines[path.slice(0, n).map(String).join(".")];
    if (line !== undefined) return line;
  }
  return parsed.firstLine;
}

/**
 * Parses YAML 1.2 (core schema) as data only: custom tags (`!!js/function`, `!foo`) are refused.
 * @example parseYaml("title: 论文精读\n", { file: "jingdu.yaml" }).data
 */
export function parseYaml(text: string, options: ParseYamlOptions): ParsedYaml {
  const offset = options.lineOffset ?? 0;
  const firstLine = offset + 1;
  if (options.fast) {
    const fast = fastParseYamlMap(text);
    if (fast) {
      const lines: Record<string, number> = {};
      for (const [path, line] of Object.entries(fast.lines)) lines[path] = line + offset;
      return { data: fast.data, diagnostics: [], lines, firstLine };
    }
  }
  const deepAt = deepFlowLine(text);
  if (deepAt !== undefined) {
    // Refused before `yaml` sees it: it needs seconds per 100 KB of `[` to run out of stack.
    return tooDeep(options.file, deepAt + offset, firstLine);
  }
  const counter = new LineCounter();
  const lineAt = (pos: number | undefined): number =>
    pos === undefined ? firstLine : counter.linePos(pos).line + offset;
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      lineCounter: counter,
      prettyErrors: false,
      schema: "core",
      // Checked in collectLines with a set per mapping: yaml's own check compares each key with
      // every earlier one, and 20,000 keys took seconds.
      uniqueKeys: false,
    });
  } catch (err) {
    // `yaml` recurses per level of nesting: thousands of `[` overflow the stack before it can
    // report anything. The file is one file's problem, never the whole command's.
    return unreadable(options.file, firstLine, err);
  }
  const diagnostics: Diagnostic[] = [];
  let fatal = doc.errors.length > 0;
  let src: string[] | undefined;
  const syntaxLine = (err: (typeof doc.errors)[number]): number => {
    const line = lineAt(err.pos[0]);
    if (!/quote/i.test(err.message)) return line;
    // An unclosed quote is reported where the text ends; point at the line that opened it.
    const quote = err.message.includes("'") ? "'" : '"';
    src ??= text.split("\n");
    for (let i = line - offset - 1; i >= 0; i--) {
      if (((src[i] ?? "").split(quote).length - 1) % 2 === 1) return i + 1 + offset;
    }
    return line;
  };
  for (const err of doc.errors.slice(0, MAX_REPORTED)) {
    diagnostics.push({
      level: "error",
      rule: /call stack/i.test(err.message) ? "yaml-too-deep" : "yaml-syntax",
      message: /call stack/i.test(err.message)
        ? `YAML nested more than ${MAX_DEPTH} levels deep`
        : `invalid YAML: ${err.message.split("\n")[0]}`,
      file: options.file,
      line: syntaxLine(err),
      hint: "Fix the YAML syntax (indentation, quotes, `key: value`); the file was skipped.",
    });
  }
  const lines: Record<string, number> = {};
  // Before anything that walks the tree recursively (`visit`, `toJS`, the schema checks).
  const shape = collectLines(doc.contents, lines, lineAt);
  if (shape.duplicateAt !== undefined) {
    fatal = true;
    diagnostics.push({
      level: "error",
      rule: "yaml-syntax",
      message: "invalid YAML: Map keys must be unique",
      file: options.file,
      line: shape.duplicateAt,
      hint: "Fix the YAML syntax (indentation, quotes, `key: value`); the file was skipped.",
    });
  }
  if (shape.tooDeepAt !== undefined) {
    // Said once, at the line where it gets too deep (not where `yaml` ran out of stack).
    const others = diagnostics.filter((d) => d.rule !== "yaml-too-deep");
    diagnostics.length = 0;
    diagnostics.push(...others, {
      level: "error",
      rule: "yaml-too-deep",
      message: `YAML nested more than ${MAX_DEPTH} levels deep`,
      file: options.file,
      line: shape.tooDeepAt,
      hint: "jingdu reads front matter and YAML files up to that depth; the file was skipped.",
    });
    return { data: undefined, diagnostics, lines: {}, firstLine };
  }
  fatal ||= doc.warnings.some((w) => w.code === "TAG_RESOLVE_FAILED");
  for (const warning of doc.warnings.slice(0, MAX_REPORTED)) {
    const isTag = warning.code === "TAG_RESOLVE_FAILED";
    diagnostics.push({
      level: isTag ? "error" : "warning",
      rule: isTag ? "yaml-custom-tag" : "yaml-warning",
      message: isTag
        ? `custom YAML tags are not allowed: ${warning.message}`
        : (warning.message.split("\n")[0] ?? warning.message),
      file: options.file,
      line: lineAt(warning.pos[0]),
      ...(isTag ? { hint: "Remove the `!tag`; jingdu reads YAML as plain data only." } : {}),
    });
  }
  visit(doc, {
    Node(_key, node) {
      if (node.tag === undefined || PLAIN_TAGS.has(node.tag) || fatal) return;
      fatal = true;
      diagnostics.push({
        level: "error",
        rule: "yaml-custom-tag",
        message: `custom YAML tag ${node.tag} is not allowed`,
        file: options.file,
        line: lineAt(node.range?.[0]),
        hint: "Remove the `!tag`; jingdu reads YAML as plain data only.",
      });
    },
  });
  if (fatal) return { data: undefined, diagnostics, lines, firstLine };
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIASES }), diagnostics, lines, firstLine };
  } catch (err) {
    // `yaml` refuses more than MAX_ALIASES expansions (a "billion laughs" bomb) by throwing.
    const aliases = err instanceof Error && /alias/i.test(err.message);
    diagnostics.push({
      level: "error",
      rule: aliases ? "yaml-aliases" : "yaml-unreadable",
      message: aliases
        ? `YAML aliases (\`*name\`) expand more than ${MAX_ALIASES} times, the shape of an alias bomb`
        : `YAML could not be read as data: ${String((err as Error)?.message ?? err)}`,
      file: options.file,
      line: shape.firstAliasAt ?? firstLine,
      hint: "Write the values out instead of repeating `*aliases`; the file was skipped.",
    });
    return { data: undefined, diagnostics, lines, firstLine };
  }
}

/** Problems reported per file: a file of 100,000 broken lines needs the first few, not all. */
const MAX_REPORTED = 20;
/** Alias expansions `yaml` allows before it calls the document an alias bomb. */
const MAX_ALIASES = 100;

function tooDeep(file: string, line: number, firstLine: number): ParsedYaml {
  return {
    data: undefined,
    diagnostics: [
      {
        level: "error",
        rule: "yaml-too-deep",
        message: `YAML nested more than ${MAX_DEPTH} levels deep`,
        file,
        line,
        hint: "jingdu reads front matter and YAML files up to that depth; the file was skipped.",
      },
    ],
    lines: {},
    firstLine,
  };
}

function unreadable(file: string, line: number, err: unknown): ParsedYaml {
  const deep = err instanceof RangeError;
  return {
    data: undefined,
    diagnostics: [
      {
        level: "error",
        rule: deep ? "yaml-too-deep" : "yaml-unreadable",
        message: deep
          ? `YAML nested more than ${MAX_DEPTH} levels deep`
          : `YAML could not be read: ${String((err as Error)?.message ?? err)}`,
        file,
        line,
        hint: "Simplify the YAML; the file was skipped.",
      },
    ],
    lines: {},
    firstLine: line,
  };
}

const TIME_SHAPED = /^\d{1,3}(?::\d{2}){1,2}$/;

/** Quotes time-shaped strings (`"1:27:05"`), which YAML 1.1 readers would take for numbers. */
export function quoteTimes(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (
        typeof node.value === "string" &&
        TIME_SHAPED.test(node.value) &&
        !node.type?.startsWith("QUOTE")
      ) {
        node.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
}

/** Options for readable, stable YAML: no folding of long URLs, short lists on one line. */
const STRINGIFY = { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false } as const;

/**
 * Writes data as YAML, keeping key order: lists and maps of plain values go on one line
 * (`authors: [A, B]`, `- { url: …, kind: pdf }`), times are quoted (`"1:27:05"`).
 * @example stringifyYaml({ title: "论文精读", tags: ["ml"] }) // "title: 论文精读\ntags: [ ml ]\n"
 */
export function stringifyYaml(data: unknown): string {
  // Front matter (most of what is written) is written by the fast writer, to the same bytes.
  return fastStringifyYaml(data) ?? stringifyWithYaml(data);
}

/** `stringifyYaml` through the `yaml` library alone (what the fast writer is tested against). */
export function stringifyWithYaml(data: unknown): string {
  const doc = new Document(data, { keepUndefined: false });
  quoteTimes(doc);
  visit(doc, {
    Map(_key, node, path) {
      // Inside a top-level mapping (front matter, progress), small maps go on one line;
      // entries of a top-level list (categories, references) stay in block style.
      if (path.length > 1 && isMap(path[1]) && node.items.every((p) => isScalar(p.value))) {
        node.flow = true;
      }
    },
    Seq(_key, node, path) {
      if (path.length > 1 && node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return doc.toString(STRINGIFY);
}
