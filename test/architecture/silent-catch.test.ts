import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../support/shared-files.js";
import { findSilentCatches } from "./silent-catch.js";

/** Every source file of src/ (not tests). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("no catch drops an error without saying why nothing is lost", () => {
  it("src/**/*.ts has no silent catch", () => {
    const silent = sourceFiles(join(REPO, "src")).flatMap((file) =>
      findSilentCatches(readFileSync(file, "utf8")).map(
        (c) => `${relative(REPO, file)}:${c.line}: ${c.kind}: ${c.text}`,
      ),
    );
    expect(silent).toEqual([]);
  });

  it("finds a bare catch, an empty catch and an ignoring .catch in a sample, not explained ones", () => {
    const sample = [
      "try { a(); } catch {",
      "  return undefined;",
      "}",
      "try { b(); } catch (err) {}",
      "void p.catch(() => {});",
      "try { c(); } catch {",
      "  // ENOENT: no file means no lock to break",
      "}",
      "try { d(); } catch { throw new Error('x'); }",
      "try { e(); } catch (err) { report(err); }",
      "// the stream is gone: the client closed it, nothing to tell",
      "void q.catch(() => undefined);",
    ].join("\n");
    expect(findSilentCatches(sample).map((c) => [c.line, c.kind])).toEqual([
      [1, "catch-without-binding"],
      [4, "empty-catch"],
      [5, "ignoring-promise-catch"],
    ]);
  });
});
