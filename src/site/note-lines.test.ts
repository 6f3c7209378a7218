import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeTempLibrary } from "../../test/fixtures/libraries/sample-libraries.js";
import { fixtureLibrary } from "../../test/fixtures/site/fixture-library.js";
import { libraryFiles } from "../store/index.js";
import { loadLibraryCached } from "../store/light.js";
import { buildSite } from "./build-site.js";

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("a bad formula in a library file", () => {
  it("is reported at its line of the file, front matter counted, by the build", async () => {
    const library = fixtureLibrary("en");
    const resnet = library.papers.find((p) => p.id === "resnet");
    if (!resnet) throw new Error("fixture has no ResNet");
    resnet.notes = "First line.\n\nA bad formula: $\\oops{x}$ here.\n";
    const root = await writeTempLibrary(libraryFiles(library));
    temps.push(root);
    const text = readFileSync(join(root, "papers", "resnet.md"), "utf8");
    const line = text.split("\n").findIndex((l) => l.includes("\\oops")) + 1;
    expect(line).toBeGreaterThan(5); // below the front matter

    const { library: loaded } = await loadLibraryCached(root, { notes: "eager" });
    const r = buildSite(loaded, {
      outDir: join(root, "_site"),
      baseUrl: "/",
      now: () => new Date(),
    });
    const math = r.warnings.filter((w) => w.rule === "math-invalid");
    expect(math).toEqual([expect.objectContaining({ file: "papers/resnet.md", line })]);
  });
});
