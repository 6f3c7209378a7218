import { createHash, type Hash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The npm packages whose code shapes a rendered note. */
const RENDER_PACKAGES = ["markdown-it", "markdown-it-footnote", "katex", "sanitize-html"];

let codeHash: string | undefined;

/**
 * Adds to `hash` the name and bytes of every module below `folder` (compiled or sources; tests,
 * declarations and source maps left out), in a stable order. A missing folder adds nothing.
 */
export function hashSourceFolder(hash: Hash, folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder, { withFileTypes: true })
      .map((d) => (d.isDirectory() ? `${d.name}/` : d.name))
      .sort();
  } catch {
    // No such folder (a build without sources): nothing of it to hash.
    return;
  }
  for (const name of names) {
    if (name.endsWith("/")) hashSourceFolder(hash, join(folder, name));
    else if (/\.(?:js|ts)$/.test(name) && !/\.test\.|\.d\.ts$/.test(name)) {
      hash.update(name).update(readFileSync(join(folder, name)));
    }
  }
}

/**
 * A hash of the code that turns a note into HTML: the render folder's modules and the name and
 * version of each package they render with. A stored render is reusable only under the same
 * version (see the build's render cache), and a page's input key includes it. Reads files, loads
 * none of the packages: a build whose notes are all cached never loads markdown-it or KaTeX.
 * @example rendererCode() // "9c1e…" (hex)
 */
export function rendererCode(): string {
  if (codeHash !== undefined) return codeHash;
  const hash = createHash("sha256");
  const here = dirname(fileURLToPath(import.meta.url));
  hashSourceFolder(hash, join(here, ".."));
  // The URL policy lives in core (store and sources use it too) but decides which links render.
  for (const name of ["url-policy.ts", "url-policy.js"]) {
    try {
      hash.update(name).update(readFileSync(join(here, "..", "..", "core", name)));
    } catch {
      // Only one of the .ts/.js pair exists in a given build: the other is skipped.
    }
  }
  const require = createRequire(import.meta.url);
  for (const name of RENDER_PACKAGES) hash.update(`\u0000${name}@${packageVersion(require, name)}`);
  codeHash = hash.digest("hex");
  return codeHash;
}

/** The version in a package's package.json, found from its entry point upwards. */
function packageVersion(require: NodeRequire, name: string): string {
  let dir: string;
  try {
    dir = dirname(require.resolve(name));
  } catch {
    // Not installed: hashed as "missing", so installing it changes the version.
    return "missing";
  }
  for (;;) {
    try {
      const json = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (json.name === name) return json.version ?? "unknown";
    } catch {
      // No readable package.json at this level: look one folder up.
    }
    const up = dirname(dir);
    if (up === dir) return "unknown";
    dir = up;
  }
}

/** `MarkdownProcessorOptions.sanitize`'s default. */
export const DEFAULT_SANITIZE = "raw-html";

/**
 * The version of processors made with these options (`MarkdownProcessor.version`), known without
 * making one: a lazily loaded processor has it before markdown-it and KaTeX are loaded.
 */
export function rendererVersion(options: { sanitize?: "raw-html" | "always" } = {}): string {
  // The formula cache's size changes no output.
  return `${rendererCode()}:${options.sanitize ?? DEFAULT_SANITIZE}`;
}
