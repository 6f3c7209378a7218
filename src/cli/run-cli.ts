import { Command, CommanderError } from "commander";
import { EXIT, JingduError } from "../core/index.js";
import { registerAdd } from "./commands/add.js";
import { registerBuild } from "./commands/build.js";
import { registerDemo } from "./commands/demo.js";
import { registerDoctor } from "./commands/doctor.js";
import { registerImport } from "./commands/import.js";
import { registerInit } from "./commands/init.js";
import { registerNext } from "./commands/next.js";
import { registerProgress } from "./commands/progress.js";
import { registerRead } from "./commands/read.js";
import { registerRefresh } from "./commands/refresh.js";
import { registerReindex } from "./commands/reindex.js";
import { registerReview } from "./commands/review.js";
import { registerSearch } from "./commands/search.js";
import { registerServe } from "./commands/serve.js";
import { registerSnapshot } from "./commands/snapshot.js";
import { registerStatus } from "./commands/status.js";
import type { CliContext } from "./context.js";

/** Runs one jingdu command line; returns the exit code (see EXIT in core/errors). */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const program = new Command("jingdu")
    .description("精读 — a local-first study companion for lecture series and research papers")
    .option(
      "--library <dir>",
      "the library folder (default: $JINGDU_LIBRARY, else this folder or a parent)",
    )
    .option("--debug", "show internal details of errors")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.output.out(s.trimEnd()),
      writeErr: (s) => ctx.output.err(s.trimEnd()),
    });
  let code: number = EXIT.ok;
  const setCode = (c: number) => {
    code = c;
  };
  for (const register of [
    registerInit,
    registerImport,
    registerStatus,
    registerDoctor,
    registerSearch,
    registerProgress,
    registerAdd,
    registerRefresh,
    registerBuild,
    registerReindex,
    registerSnapshot,
    registerDemo,
    registerRead,
    registerReview,
    registerNext,
    registerServe,
  ]) {
    register(program, ctx, setCode);
  }
  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version")
        return EXIT.ok;
      if (err.code === "commander.help") return EXIT.ok;
      return EXIT.usage;
    }
    if (err instanceof JingduError) {
      ctx.output.err(`jingdu: ${err.message}`);
      if (err.hint) ctx.output.err(`hint: ${err.hint}`);
      if (program.opts().debug || ctx.env.DEBUG?.includes("jingdu"))
        ctx.output.err(String(err.stack));
      return err.exitCode;
    }
    ctx.output.err(`jingdu: unexpected error: ${(err as Error).message ?? String(err)}`);
    if (program.opts().debug || ctx.env.DEBUG?.includes("jingdu"))
      ctx.output.err(String((err as Error).stack));
    return EXIT.failure;
  }
}

/** The signature every command module exports. */
export type RegisterCommand = (
  program: Command,
  ctx: CliContext,
  setCode: (code: number) => void,
) => void;
