import { describe, expect, it } from "vitest";
import { editDismissedPapers, parseDismissedPapers } from "./dismissed-papers.js";

const BN = "995c5f5e62614fcb4d2796ad2faab969da51713e";
const NIN = "5e83ab70d0cbc003471e87ec306d27d9c80ecb16";

describe("dismissed-papers.txt", () => {
  it("adds a line with its note, keeps the person's lines, and removes only the one undone", () => {
    const created = editDismissedPapers(null, BN, true, "Batch Normalization (2015)") as string;
    expect(created.startsWith("# ")).toBe(true);
    expect(created).toContain(`${BN}  Batch Normalization (2015)\n`);
    const edited = `${created}# read it in the course instead\n${NIN.toUpperCase()} my own note\n`;
    expect(parseDismissedPapers(edited).ids).toEqual(new Set([BN, NIN]));
    expect(editDismissedPapers(edited, BN, true)).toBeUndefined();
    const undone = editDismissedPapers(edited, BN, false) as string;
    expect(undone).not.toContain(BN);
    expect(undone).toContain("# read it in the course instead\n");
    expect(undone).toContain("my own note");
    expect(parseDismissedPapers("resnet please\n").badLines).toEqual([1]);
  });
});
