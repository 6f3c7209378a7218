import { Command, CommanderError } from "commander";
import { EXIT, JingduError } from "../core/index.js";
import { cleanBeforeWriting } from "./clean-stale.js";
import type { CliContext } from "./context.js";

/**
 * Every command module, by the command names it registers, in help order. A command line loads
 * only the module of its command (each pulls in its own dependencies: the web app, the Markdown
 * renderer, SQLite, the metadata sources), so that `jingdu serve` or `jingdu status` do not load
 * every other command's code first; help, no command or an unknown one load them all.
 */
export const COMMAND_MODULES: readonly [
  names: readonly string[],
  load: () => Promise<RegisterCommand>,
][] = [
  [["init"], async () => (await import("./commands/init.js")).registerInit],
  [["import"], async () => (await import("./commands/import.js")).registerImport],
  [["export"], async () => (await import("./commands/export.js")).registerExport],
  [["status"], async () => (await import("./commands/status.js")).registerStatus],
  [["doctor"], async () => (await import("./commands/doctor.js")).registerDoctor],
  [["search"], async () => (await import("./commands/search.js")).registerSearch],
  [["transcript"], async () => (await import("./commands/transcript.js")).registerTranscript],
  [
    ["done", "skip", "watching", "todo"],
    async () => (await import("./commands/progress.js")).registerProgress,
  ],
  [["add"], async () => (await import("./commands/add.js")).registerAdd],
  [["refresh"], async () => (await import("./commands/refresh.js")).registerRefresh],
  [["resolve"], async () => (await import("./commands/resolve.js")).registerResolve],
  [["merge"], async () => (await import("./commands/merge.js")).registerMerge],
  [["build", "readme"], async () => (await import("./commands/build.js")).registerBuild],
  [["reindex"], async () => (await import("./commands/reindex.js")).registerReindex],
  [["snapshot", "links"], async () => (await import("./commands/snapshot.js")).registerSnapshot],
  [["demo"], async () => (await import("./commands/demo.js")).registerDemo],
  [["read"], async () => (await import("./commands/read.js")).registerRead],
  [["review"], async () => (await import("./commands/review.js")).registerReview],
  [["next"], async () => (await import("./commands/next.js")).registerNext],
  [
    ["serve", "revisions", "restore"],
    async () => (await import("./commands/serve.js")).registerServe,
  ],
];

/** The command word of a command line: the first argument that is not a global option. */
function commandWord(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--library") i++;
    else if (!arg.startsWith("-")) return arg;
  }
  return undefined;
}

/** The register functions a command line needs: its command's, or all of them. */
function commandsFor(argv: readonly string[]): Promise<RegisterCommand[]> {
  const word = commandWord(argv);
  const one = COMMAND_MODULES.find(([names]) => word !== undefined && names.includes(word));
  return Promise.all((one ? [one] : COMMAND_MODULES).map(([, load]) => load()));
}

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
  for (const register of await commandsFor(argv)) register(program, ctx, setCode);
  program.hook("preAction", (_program, action) => cleanBeforeWriting(action, program, ctx));
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
