import { resolve } from "node:path";
import type { Command } from "commander";
// From its file rather than the store's index: every command needs it, and the index loads the
// whole store (zod, yaml, SQLite) before a command has decided what it needs.
import { resolveLibraryRoot } from "../../store/light.js";
import type { CliContext } from "../context.js";

/** Finds the library the same way for every command: --library, JINGDU_LIBRARY, cwd or a parent. */
export function libraryRoot(program: Command, ctx: CliContext): Promise<string> {
  const flag = program.opts<{ library?: string }>().library;
  return resolveLibraryRoot({
    ...(flag === undefined ? {} : { flag: resolve(ctx.cwd, flag) }),
    ...(ctx.env.JINGDU_LIBRARY ? { env: resolve(ctx.cwd, ctx.env.JINGDU_LIBRARY) } : {}),
    cwd: ctx.cwd,
  });
}

/** Milliseconds since `start` (a `performance.now()` reading), rounded to 0.1. */
export function elapsed(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}
