/**
 * Adversarial documents for the linear-time checks: each repeats one construct that made a
 * reader backtrack or rescan (issue 14, item 7) until the text has the size asked for.
 */

/** `unit` repeated to about `bytes` characters. */
const fill = (unit: string, bytes: number) =>
  unit.repeat(Math.max(1, Math.ceil(bytes / unit.length)));

/** Markdown-ish documents for the importer, the loader's note bodies and the renderer. */
export const HOSTILE_MARKDOWN: Record<string, (bytes: number) => string> = {
  "one line of spaces": (n) => `## 一集 10:00\n\n${" ".repeat(n)}x\n`,
  "spaces and tabs": (n) => `## 一集 10:00\n\n${fill(" \t", n)}x\n`,
  // 4,000 levels at 16 MB, as in the issue: a level's indent grows by two spaces.
  "nested list": (n) => {
    const depth = Math.floor(Math.sqrt(n));
    return `${Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}- a`).join("\n")}\n`;
  },
  "unclosed {%": (n) => fill("{%", n),
  "unclosed relref includes": (n) => fill("{% include relref.html ", n),
  "unclosed {{ x": (n) => fill("{{ x ", n),
  "outputs without spaces": (n) => fill("{{ }}{{a}}", n),
  "unclosed <script": (n) => fill("<script ", n),
  "[": (n) => fill("[", n),
  "[a](": (n) => `[a](${" ".repeat(n)}x`,
  "[[": (n) => fill("[[a", n),
  "[@": (n) => fill("[@a", n),
  "|": (n) => fill("|", n),
  $: (n) => fill("$", n),
  "$x $": (n) => fill("$x $", n),
  "*": (n) => fill("*", n),
  "`": (n) => fill("`", n),
  "#": (n) => fill("#", n),
  "heading of spaces": (n) => `## ${" ".repeat(n)}x 10:00\n`,
  "same heading again and again": (n) => fill("## 一集 10:00\n\n笔记\n\n", n),
  "table rows": (n) =>
    `| 日期 | 标题 | 时长 |\n| -- | -- | -- |\n${fill("| 1/1/22 | x | 10:00 |\n", n)}`,
  "cell of spaces": (n) => `| a | b |\n| -- | -- |\n| ${" ".repeat(n)}x | (${" ".repeat(n)}y |\n`,
  "<": (n) => fill("<", n),
  "(": (n) => fill("（(", n),
  "`{%` on many lines": (n) => fill("a {% x\n", n),
  "tags on one line": (n) => fill("{% a %} ", n),
  // Note links (docs/notes.md): bare keys and tags, citation groups, links without a `)`.
  " @a": (n) => fill(" @a", n),
  " #a": (n) => fill(" #a", n),
  "[see @a;": (n) => fill("[see @a; ", n),
  "many [a](": (n) => fill("[a](", n),
  "![[": (n) => fill("![[a.png", n),
};

/** Front matter and YAML for the loader. */
export const HOSTILE_YAML: Record<string, (bytes: number) => string> = {
  "a long flow sequence": (n) => `short: X\ntags: [${fill("a,", n)}a]\n`,
  "many keys": (n) =>
    `short: X\n${Array.from({ length: Math.ceil(n / 12) }, (_, i) => `k${i}: v`).join("\n")}\n`,
  "a line of spaces": (n) => `short: X\ntitle: a${" ".repeat(n)}b\n`,
  "spaces before a comment": (n) => `short: X\ntitle: a${" ".repeat(n)}# c\n`,
  "a long literal block": (n) => `short: X\nsummary: |\n${fill("  line\n", n)}`,
  "deep flow nesting": (n) => `short: X\nb: ${"[".repeat(n / 2)}${"]".repeat(n / 2)}\n`,
  "deep block nesting": (n) => {
    const depth = Math.floor(Math.sqrt(n));
    return `short: X\n${Array.from({ length: depth }, (_, i) => `${" ".repeat(i)}k:`).join("\n")}\n`;
  },
  "unclosed quotes": (n) => `short: X\n${fill('k: "\n', n)}`,
};
