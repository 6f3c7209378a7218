import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type AssetSource, typeOf } from "../app/index.js";

/**
 * The library's `files/` folder (images and attachments that notes refer to as `files/NAME`),
 * as name → lazily read source. Hidden files are left out.
 */
export function attachmentFiles(root: string): Map<string, AssetSource> {
  const files = new Map<string, AssetSource>();
  const walk = (dir: string, prefix: string) => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const name = `${prefix}${e.name}`;
      if (e.isDirectory()) walk(join(dir, e.name), `${name}/`);
      else if (e.isFile())
        files.set(name, { contentType: typeOf(name), read: () => readFileSync(join(dir, e.name)) });
    }
  };
  walk(join(root, "files"), "");
  return files;
}
