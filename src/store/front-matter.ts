import type { Diagnostic } from "../core/index.js";
import { type ParsedYaml, parseYaml, stringifyYaml } from "./yaml-document.js";

/** A Markdown file split into its front matter (parsed) and its body. */
export interface ParsedFrontMatter extends ParsedYaml {
  /** The Markdown after the closing `---`, without the one newline that ends the file. */
  body: string;
  /** False when the file does not start with a `---` line. */
  hasFrontMatter: boolean;
  /** The 1-based line of the file where `body` starts. */
  bodyLine: number;
}

const OPENING = /^---(?:yaml)?[ \t]*\r?\n/;
/** `---js`, `---javascript`, `---coffee`…: front matter that other tools evaluate as code. */
const CODE_FENCE = /^---[ \t]*([A-Za-z]\w*)[ \t]*\r?$/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*\r?$/m;

/** The body as written, minus the single final newline the writer adds. */
function bodyOf(text: string): string {
  if (text.endsWith("\r\n")) return text.slice(0, -2);
  if (text.endsWith("\n")) return text.slice(0, -1);
  return text;
}

/**
 * Splits `---\nYAML\n---\nbody` and parses the YAML as data. A `---js` fence or a custom tag is
 * refused with a diagnostic; a file without front matter yields `data: undefined` and the whole
 * text as body.
 * @example parseFrontMatter("---\nshort: ResNet\n---\nNotes.\n", "papers/resnet.md").body // "Notes."
 */
export function parseFrontMatter(text: string, file: string): ParsedFrontMatter {
  const content = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const firstLineEnd = content.indexOf("\n");
  const firstLine = firstLineEnd === -1 ? content : content.slice(0, firstLineEnd);
  const fence = CODE_FENCE.exec(firstLine);
  if (fence && fence[1] !== "yaml") {
    return refused(content, {
      level: "error",
      rule: "front-matter-code",
      message: `front matter fenced as \`---${fence[1]}\` is code; jingdu reads only YAML data`,
      file,
      line: 1,
      hint: "Write the front matter as YAML between plain `---` lines.",
    });
  }
  const opening = OPENING.exec(content);
  if (!opening) {
    return {
      data: undefined,
      diagnostics: [],
      lines: {},
      firstLine: 1,
      body: bodyOf(content),
      hasFrontMatter: false,
      bodyLine: 1,
    };
  }
  const rest = content.slice(opening[0].length);
  const found = CLOSING.exec(rest);
  if (!found) {
    return refused(content, {
      level: "error",
      rule: "front-matter-unclosed",
      message: "front matter has no closing `---` line",
      file,
      line: 1,
      hint: "Add a line with `---` after the YAML metadata.",
    });
  }
  const yaml = rest.slice(0, found.index);
  let after = rest.slice(found.index + found[0].length);
  if (after.startsWith("\r\n")) after = after.slice(2);
  else if (after.startsWith("\n")) after = after.slice(1);
  const parsed = parseYaml(yaml, { file, lineOffset: 1, fast: true });
  const bodyLine = lineCount(content, content.length - after.length) + 1;
  return { ...parsed, body: bodyOf(after), hasFrontMatter: true, bodyLine };
}

function refused(content: string, diagnostic: Diagnostic): ParsedFrontMatter {
  return {
    data: undefined,
    diagnostics: [diagnostic],
    lines: {},
    firstLine: 1,
    body: bodyOf(content),
    hasFrontMatter: true,
    bodyLine: 1,
  };
}

/** How many line ends the first `end` characters of `text` hold. */
function lineCount(text: string, end: number): number {
  let n = 0;
  for (let at = text.indexOf("\n"); at !== -1 && at < end; at = text.indexOf("\n", at + 1)) n++;
  return n;
}

/** Drops `undefined`, `null`, empty lists and empty maps so files hold only what is said. */
export function compactData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compactData);
  if (value instanceof Map) return value;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || v === null) continue;
      if (Array.isArray(v) && v.length === 0) continue;
      if (v instanceof Map && v.size === 0) continue;
      const compacted = compactData(v);
      if (
        compacted !== null &&
        typeof compacted === "object" &&
        !Array.isArray(compacted) &&
        !(compacted instanceof Map) &&
        Object.keys(compacted).length === 0
      ) {
        continue;
      }
      out[key] = compacted;
    }
    return out;
  }
  return value;
}

/**
 * Writes `---\nYAML\n---\nbody\n`: keys in the order given, empty fields left out, body verbatim
 * (a non-empty body gets one final newline, which `parseFrontMatter` removes again).
 * @example stringifyFrontMatter({ short: "ResNet" }, "Notes.") // "---\nshort: ResNet\n---\nNotes.\n"
 */
export function stringifyFrontMatter(data: Record<string, unknown>, body: string): string {
  const yaml = stringifyYaml(compactData(data));
  const yamlText = yaml === "{}\n" ? "" : yaml;
  return `---\n${yamlText}---\n${body === "" ? "" : `${body}\n`}`;
}
