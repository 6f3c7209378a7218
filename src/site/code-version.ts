import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ASSET_PACKAGES } from "../app/index.js";
import { rendererCode } from "../render/index.js";

/** `import … from "x"`, `export … from "x"`, `import("x")` and `import "x"`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;

/** The module file a relative specifier names: compiled (`.js`) or, from sources, `.ts`. */
function moduleFile(from: string, specifier: string): string | undefined {
  const target = resolve(dirname(from), specifier);
  for (const candidate of [target, target.replace(/\.js$/, ".ts"), `${target}.ts`]) {
    if (/\.[cm]?[jt]s$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The version of an installed package, or `missing`. */
function packageVersion(name: string, from: string): string {
  const parts = name.split("/");
  const pkg = name.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string);
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const file = join(dir, "node_modules", pkg, "package.json");
    if (existsSync(file)) {
      return `${pkg}@${(JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version}`;
    }
    if (dirname(dir) === dir) return `${pkg}@missing`;
  }
}

/**
 * A hash of the code that can run while the site renders: every module reachable by imports from
 * `entry` (the build's own module, see `renderingCode`), by path relative to its folder and bytes, the
 * version of each package they import, the renderer's version (`rendererCode`, which names the
 * packages it loads lazily) and Node's (its `Intl` formats numbers and dates). Derived from the
 * module graph rather than a list of folders, so a folder that pages come to use (core's summary,
 * the store's layout, the snapshots' page links) is in it without anyone adding it. `assets`:
 * packages no module imports whose files the site serves (their versions, or `missing`).
 * @example codeVersion() // "Qm9…" (base64url)
 */
export function codeVersion(entry: string, assets: readonly string[] = []): string {
  const root = dirname(dirname(entry));
  const seen = new Set<string>();
  const packages = new Set(assets.map((name) => packageVersion(name, entry)));
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const [, specifier] of text.matchAll(SPECIFIER)) {
      if (!specifier) continue;
      if (specifier.startsWith(".")) {
        const next = moduleFile(file, specifier);
        if (next) pending.push(next);
      } else if (!specifier.startsWith("node:")) packages.add(packageVersion(specifier, file));
    }
  }
  const hash = createHash("sha256").update(`${process.version}\u0000${rendererCode()}`);
  for (const file of [...seen].sort()) {
    hash.update(`\u0000${file.slice(root.length)}\u0000`).update(readFileSync(file));
  }
  for (const name of [...packages].sort()) hash.update(`\u0000${name}`);
  return hash.digest("base64url");
}

let cached: string | undefined;
let cachedFolder: string | undefined;

/**
 * `codeVersion` of the whole site folder's graph (its index: the build, the inputs it loads —
 * metrics, attachments, transcripts — and the stamp itself) and of the asset packages (Mermaid's
 * script), computed once per process: what a build answered from its stamp (`build-stamp.ts`)
 * must be made by the same code and assets to be repeated.
 */
export function siteCode(): string {
  const here = fileURLToPath(import.meta.url);
  cachedFolder ??= codeVersion(moduleFile(here, "./index.js") ?? here, ASSET_PACKAGES);
  return cachedFolder;
}

/** `codeVersion` of the build's module graph (`build-site`'s imports), computed once per process. */
export function renderingCode(): string {
  const here = fileURLToPath(import.meta.url);
  cached ??= codeVersion(moduleFile(here, "./build-site.js") ?? here);
  return cached;
}
