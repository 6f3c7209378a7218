import { resolve } from "node:path";
import type { Command } from "commander";
import { JingduError } from "../../core/index.js";
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

/**
 * `--limit N`: a whole number of at least 1, else a usage error naming what was given (`abc`
 * used to mean "no papers" to one command and "20" to another).
 */
export function parseLimit(text: string): number {
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new JingduError(
      "bad-limit",
      `--limit ${JSON.stringify(text)} is not a whole number of at least 1`,
      {
        hint: "Write e.g. --limit 10.",
      },
    );
  }
  return n;
}
