/**
 * The parse of a paper list from the entries detection parsed (`readEntryLines`, the fast path
 * `importDocument` takes) against the plain parse that reads every line itself: the same result
 * on every fixture document and on hundreds of mutations of them (lines removed, repeated,
 * swapped, fenced, indented, put under front matter).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toSourceLines } from "../study-log/source-lines.js";
import { countPaperEntries, parsePaperList, readEntryLines } from "./parse-paper-list.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "import");
const documents = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".md"))
  .map((f) => ({ name: f, text: readFileSync(join(FIXTURES, f), "utf8") }));

/** A small seeded generator, so a failure names a mutation that can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** One to four edits of the kinds that move lines in and out of items, fences and notes. */
function mutate(text: string, next: () => number): string {
  const lines = text.split("\n");
  const at = () => Math.floor(next() * lines.length);
  for (let k = 0, edits = 1 + Math.floor(next() * 4); k < edits; k++) {
    const i = at();
    const line = lines[i] ?? "";
    switch (Math.floor(next() * 7)) {
      case 0:
        lines.splice(i, 1);
        break;
      case 1:
        lines.splice(i, 0, line);
        break;
      case 2: {
        const j = at();
        [lines[i], lines[j]] = [lines[j] ?? "", line];
        break;
      }
      case 3:
        lines.splice(i, 0, "```");
        break;
      case 4:
        lines[i] = `  ${line}`;
        break;
      case 5:
        lines.unshift("---", "title: A list", "---");
        break;
      default:
        lines[i] = line.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, "");
    }
  }
  return lines.join("\n");
}

function samePaths(text: string, file: string): void {
  const { lines, fenced } = toSourceLines(text);
  const entries = readEntryLines(lines, fenced);
  expect(parsePaperList(text, { file, entries })).toEqual(parsePaperList(text, { file }));
  expect(countPaperEntries(lines, fenced, entries)).toBe(countPaperEntries(lines, fenced));
}

describe("a paper list read from the entries detection parsed", () => {
  it("is the plain parse on every fixture document", () => {
    expect(documents.length).toBeGreaterThan(10);
    for (const { name, text } of documents) samePaths(text, name);
    // The fixtures are paper lists too: the comparison is over papers, not empty results.
    const papers = documents.map(({ text, name }) => parsePaperList(text, { file: name }).papers);
    expect(papers.flat().length).toBeGreaterThan(40);
  });

  it("is the plain parse on 400 mutations of them", () => {
    const next = random(16);
    for (let round = 0; round < 400; round++) {
      const { name, text } = documents[round % documents.length] as (typeof documents)[number];
      samePaths(mutate(text, next), `${name}#${round}`);
    }
  });
});
