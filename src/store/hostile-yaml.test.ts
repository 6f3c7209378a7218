import { describe, expect, it } from "vitest";
import { parseLibraryFile, parseReadFile } from "./parse-file.js";
import { firstNotUtf8Line, type ReadFile } from "./read-files.js";
import { deepFlowLine, parseYaml } from "./yaml-document.js";

const rules = (text: string, path = "papers/x.md") =>
  (parseLibraryFile(path, text)?.diagnostics ?? []).map((d) => `${d.rule}@${d.line}`);

describe("YAML that would break a reader is one file's diagnostic, never a throw", () => {
  it("101 alias expansions: yaml-aliases at the line of the first alias", () => {
    const bomb = `---\nshort: B\na: &a [x]\nb: [${Array(101).fill("*a").join(", ")}]\n---\n`;
    expect(() => parseLibraryFile("papers/x.md", bomb)).not.toThrow();
    expect(rules(bomb)).toEqual(["yaml-aliases@4"]);
    expect(parseLibraryFile("papers/x.md", bomb)).not.toHaveProperty("paper");
    // A few dozen are still read (yaml counts each expansion by the size of what it repeats).
    const fine = `---\nshort: B\na: &a [x]\nb: [${Array(40).fill("*a").join(", ")}]\n---\n`;
    expect(rules(fine).filter((r) => r.startsWith("yaml"))).toEqual([]);
  });

  it("nesting past 64 levels, in flow or block style, front matter or YAML file", () => {
    expect(rules(`---\nshort: D\nb: ${"[".repeat(30_000)}${"]".repeat(30_000)}\n---\n`)).toEqual([
      "yaml-too-deep@3",
    ]);
    const block = Array.from({ length: 2000 }, (_, i) => `${"  ".repeat(i)}- `).join("\n");
    expect(rules(`---\nshort: D\nb:\n${block}x\n---\n`)).toEqual(["yaml-too-deep@67"]);
    expect(rules(`${"{a: ".repeat(5000)}1${"}".repeat(5000)}\n`, "progress.yaml")).toEqual([
      "yaml-too-deep@1",
    ]);
    // 60 levels are fine.
    const ok = parseYaml(`a: ${"[".repeat(60)}1${"]".repeat(60)}\n`, { file: "x.yaml" });
    expect(ok.diagnostics).toEqual([]);
  });

  it("deep flow nesting is found in one pass, not in brackets that are text", () => {
    const deep = "[".repeat(65);
    expect(deepFlowLine(`a: 1\nb: ${deep}`)).toBe(2);
    expect(deepFlowLine(`- ${deep}`)).toBe(1);
    expect(deepFlowLine(`b: [${"{a: ".repeat(70)}`)).toBe(1);
    expect(deepFlowLine(`t: "${deep}"\nu: '${deep}'`)).toBeUndefined();
    expect(deepFlowLine(`t: see ${deep}\n# ${deep}`)).toBeUndefined();
    expect(deepFlowLine(`t: ["${deep}", '${deep}']`)).toBeUndefined();
    expect(deepFlowLine(`t: [${"[]".repeat(100)}]`)).toBeUndefined();
  });

  it("front matter that is a list or a single value is named as such", () => {
    expect(rules("---\n- a\n- b\n---\nbody\n")).toEqual(["front-matter-not-mapping@2"]);
    expect(rules("---\njust text\n---\n")).toEqual(["front-matter-not-mapping@2"]);
  });

  it("thousands of syntax errors: a few are reported, in time", () => {
    const broken = `---\nshort: S\n${'k: "\n'.repeat(5_000)}---\n`;
    const started = performance.now();
    const diagnostics = parseLibraryFile("papers/x.md", broken)?.diagnostics ?? [];
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(diagnostics.length).toBeGreaterThan(0);
    // yaml's first 20 syntax errors, and the repeated key `k` once.
    expect(diagnostics.length).toBeLessThanOrEqual(21);
  });
});

describe("bytes that are not UTF-8", () => {
  it("are found on their line; valid U+FFFD, CJK and emoji are not", () => {
    expect(firstNotUtf8Line(Buffer.from("a\nb\uFFFD\n精读 😀\n"))).toBeUndefined();
    const bad = Buffer.concat([
      Buffer.from("ok\n精读\ncaf"),
      Buffer.from([0xe9]),
      Buffer.from("\n"),
    ]);
    expect(firstNotUtf8Line(bad)).toBe(3);
    expect(firstNotUtf8Line(Buffer.from([0xff]))).toBe(1);
  });

  it("a file read with them loads, with a not-utf8 warning at their line", () => {
    const file: ReadFile = {
      path: "papers/latin.md",
      text: "---\nshort: L\n---\ncaf\uFFFD\n",
      notUtf8Line: 4,
      hash: "",
      mtimeMs: 0,
      ctimeMs: 0,
      size: 0,
    };
    const parsed = parseReadFile(file);
    expect(parsed?.kind === "paper" && parsed.paper?.short).toBe("L");
    expect(parsed?.diagnostics.map((d) => `${d.level}:${d.rule}@${d.line}`)).toEqual([
      "warning:not-utf8@4",
    ]);
  });
});
