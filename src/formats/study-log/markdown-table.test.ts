import { describe, expect, it } from "vitest";
import { findTables, isDelimiterRow, splitTableRow } from "./markdown-table.js";

describe("splitTableRow", () => {
  it("splits on | and trims cells", () => {
    expect(splitTableRow("| 3/30/23 | GPT-4 |  1:20:38 |")).toEqual([
      "3/30/23",
      "GPT-4",
      "1:20:38",
    ]);
  });
  it("keeps | inside link text, link targets, code spans and Liquid", () => {
    expect(splitTableRow("| [a|b](https://x.org/?q=a|b) | `x | y` | {{ v | upcase }} |")).toEqual([
      "[a|b](https://x.org/?q=a|b)",
      "`x | y`",
      "{{ v | upcase }}",
    ]);
  });
  it("turns \\| into a literal pipe", () => {
    expect(splitTableRow("| a \\| b | c |")).toEqual(["a | b", "c"]);
  });
  it("falls back to plain splitting when a bracket never closes", () => {
    expect(splitTableRow("| [open | b |")).toEqual(["[open", "b"]);
  });
  it("splits rows without outer pipes", () => {
    expect(splitTableRow("a | b")).toEqual(["a", "b"]);
  });
});

describe("findTables", () => {
  it("finds a table whose delimiter row has more cells than its header", () => {
    const lines = ["text", "| a | b |", "| -- | --: | -- |", "| 1 | 2 |", "", "after | x"];
    const [table, ...rest] = findTables(lines, new Set());
    expect(rest).toEqual([]);
    expect(table).toMatchObject({
      headerIndex: 1,
      header: ["a", "b"],
      delimiterCells: 3,
      endIndex: 4,
    });
    expect(table?.rows).toEqual([{ index: 3, cells: ["1", "2"] }]);
  });
  it("ignores tables inside fenced code", () => {
    expect(findTables(["| a |", "| - |"], new Set([0, 1]))).toEqual([]);
  });
  it("recognises delimiter rows", () => {
    expect(isDelimiterRow([":--", "--:", ":-:", "---"])).toBe(true);
    expect(isDelimiterRow(["a", "--"])).toBe(false);
  });
});
