import { appendFileSync, cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempFolders } from "../../test/support/site-output.js";
import { ASSET_PACKAGES } from "../app/index.js";
import { codeVersion, siteCode } from "./code-version.js";

const temps = tempFolders("jingdu-code-version-");
afterEach(temps.clean);
const SRC = join(import.meta.dirname, "..");

describe("codeVersion", () => {
  it("changes with a source file of each folder whose code runs in rendering, not with others", () => {
    const copy = join(temps.make(), "src");
    cpSync(SRC, copy, { recursive: true, filter: (path) => !path.endsWith(".test.ts") });
    const entry = join(copy, "site", "build-site.ts");
    let version = codeVersion(entry);
    // One file of each folder the pages' code reaches: core's summary, the store's layout, the
    // snapshots' page links, the views, the build, the study charts' dates, the renderer.
    for (const file of [
      "core/summary.ts",
      "store/library-layout.ts",
      "snapshots/page-links.ts",
      "app/home-page.ts",
      "site/route-output.ts",
      "study/dates.ts",
      "render/markdown/renderer-version.ts",
    ]) {
      appendFileSync(join(copy, file), "\n// changed\n");
      const next = codeVersion(entry);
      expect(next, file).not.toBe(version);
      version = next;
    }
    // Code that never runs in a build: the server and the CLI.
    for (const file of ["server/create-server.ts", "cli/main.ts"]) {
      appendFileSync(join(copy, file), "\n// changed\n");
      expect(codeVersion(entry), file).toBe(version);
    }
  });

  it("changes with the version of a package the code imports", () => {
    const root = temps.make();
    writeFileSync(join(root, "entry.ts"), 'import { x } from "some-package/sub";\nexport { x };\n');
    const pkg = join(root, "node_modules", "some-package");
    mkdirSync(pkg, { recursive: true });
    const version = (v: string) => {
      writeFileSync(
        join(pkg, "package.json"),
        JSON.stringify({ name: "some-package", version: v }),
      );
      return codeVersion(join(root, "entry.ts"));
    };
    expect(version("1.0.0")).toBe(version("1.0.0"));
    expect(version("1.0.1")).not.toBe(version("1.0.0"));
  });

  it("changes with the version of a package whose files are assets, imported by no module", () => {
    const root = temps.make();
    writeFileSync(join(root, "entry.ts"), "export const x = 1;\n");
    const pkg = join(root, "node_modules", "mermaid");
    const missing = codeVersion(join(root, "entry.ts"), ["mermaid"]);
    mkdirSync(pkg, { recursive: true });
    const version = (v: string) => {
      writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "mermaid", version: v }));
      return codeVersion(join(root, "entry.ts"), ["mermaid"]);
    };
    expect(version("11.0.0")).not.toBe(missing);
    expect(version("11.0.0")).toBe(version("11.0.0"));
    expect(version("11.1.0")).not.toBe(version("11.0.0"));
    // The site's code is hashed with them: a Mermaid upgrade is a new site for the build stamp.
    expect(ASSET_PACKAGES).toContain("mermaid");
    expect(siteCode()).toBe(codeVersion(join(SRC, "site", "index.ts"), ASSET_PACKAGES));
    expect(siteCode()).not.toBe(codeVersion(join(SRC, "site", "index.ts")));
  });
});
