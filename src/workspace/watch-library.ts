import { type FSWatcher, readdirSync, watch } from "node:fs";
import { join, relative, sep } from "node:path";

/**
 * Watches the folders that hold library files (not recursively: the root, papers/, courses/*,
 * courses/* /episodes/, files/, metadata/, snapshots/) and calls `onChange` once per burst of changes
 * (debounced) with the paths that changed (relative, `/`-separated), or `undefined` when the
 * system did not name a file. Hidden files, temp files and `.jingdu/` are ignored. `rescan()`
 * picks up new course folders.
 */
export function watchLibrary(
  root: string,
  onChange: (paths: string[] | undefined) => void,
  debounceMs = 150,
) {
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let changed: Set<string> | undefined = new Set();
  const fire = (path: string | undefined) => {
    if (path === undefined) changed = undefined;
    else changed?.add(path);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const paths = changed ? [...changed] : undefined;
      changed = new Set();
      onChange(paths);
    }, debounceMs);
  };
  const add = (dir: string) => {
    if (watchers.has(dir)) return;
    try {
      const w = watch(dir, { persistent: false }, (_event, name) => {
        const n = typeof name === "string" ? name : "";
        if (n.startsWith(".") || n.endsWith(".tmp")) return;
        fire(n === "" ? undefined : relative(root, join(dir, n)).split(sep).join("/"));
      });
      w.on("error", () => {
        w.close();
        watchers.delete(dir);
      });
      watchers.set(dir, w);
    } catch {
      // the folder does not exist (yet)
    }
  };
  const subdirs = (dir: string): string[] => {
    try {
      return readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !e.name.startsWith("."))
        .map((e) => join(dir, e.name));
    } catch {
      // No such folder (yet): nothing to watch; rescan() picks it up later.
      return [];
    }
  };
  const rescan = () => {
    // snapshots/ holds index.jsonl and links.jsonl (`jingdu snapshot`, `jingdu links`): the
    // links page and archived-copy links read them.
    for (const dir of ["", "papers", "courses", "metadata", "snapshots"]) add(join(root, dir));
    for (const course of subdirs(join(root, "courses"))) {
      add(course);
      add(join(course, "episodes"));
    }
    const files = join(root, "files");
    add(files);
    for (const dir of subdirs(files)) add(dir);
  };
  rescan();
  return {
    rescan,
    close() {
      if (timer) clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
