import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
// From their files rather than the store's index: this runs before every writing command.
import { LIBRARY_FILES, removeStaleFiles } from "../store/light.js";
import { libraryRoot } from "./commands/shared.js";
import type { CliContext } from "./context.js";

/**
 * The commands that write into a library (its files or `.jingdu/`). `init` and an import
 * `--into` a new folder are not here: `initLibrary` cleans the folder it creates a library in.
 */
const WRITING = new Set([
  "import",
  "zotero",
  "done",
  "skip",
  "watching",
  "todo",
  "add",
  "refresh",
  "build",
  "reindex",
  "snapshot",
  "links",
  "read",
  "review",
  "serve",
  "restore",
]);

/** The library `action` writes to, or `undefined` (none found: the command reports it itself). */
async function targetLibrary(
  action: Command,
  program: Command,
  ctx: CliContext,
): Promise<string | undefined> {
  const name = action.name();
  const given =
    name === "import"
      ? action.opts<{ into?: string }>().into
      : name === "serve"
        ? action.args[0]
        : undefined;
  if (given !== undefined) {
    const dir = resolve(ctx.cwd, given);
    return existsSync(join(dir, LIBRARY_FILES.settings)) ? dir : undefined;
  }
  // No library found: nothing to clean; the command itself then reports not-a-library.
  return libraryRoot(program, ctx).catch(() => undefined);
}

/**
 * Before a command that writes a library: removes the temp and lock files that killed jingdu
 * processes left in it (`removeStaleFiles`) and says so on stderr. The one place the CLI calls it from
 * (a `preAction` hook in run-cli.ts).
 */
export async function cleanBeforeWriting(
  action: Command,
  program: Command,
  ctx: CliContext,
): Promise<void> {
  if (!WRITING.has(action.name())) return;
  const root = await targetLibrary(action, program, ctx);
  if (root === undefined) return;
  const removed = await removeStaleFiles(root);
  if (removed.length === 0) return;
  const shown = removed.slice(0, 5).join(", ") + (removed.length > 5 ? ", …" : "");
  ctx.output.err(
    `jingdu: removed ${removed.length} temp or lock file${removed.length === 1 ? "" : "s"} an interrupted run left (${shown})`,
  );
}
