import { openIndex } from "../../store/index-door.js";
import type { RegisterCommand } from "../run-cli.js";
import { elapsed, libraryRoot } from "./shared.js";

export const registerReindex: RegisterCommand = (program, ctx) => {
  program
    .command("reindex")
    .description(
      "check the derived index (.jingdu/index.sqlite) against the library files: files whose size, mtime or ctime changed are read, those whose bytes changed indexed again",
    )
    .option("--full", "delete the index and build it again from every file")
    .option(
      "--verify",
      "check the index database itself (SQLite quick_check), then read every file and compare its bytes",
    )
    .action(async (opts: { full?: boolean; verify?: boolean }) => {
      const root = await libraryRoot(program, ctx);
      const start = performance.now();
      const index = await openIndex(root);
      try {
        if (opts.full) {
          const r = await index.rebuild();
          ctx.output.out(
            `Rebuilt the index of ${root}: ${r.read} files read in ${elapsed(start)} ms`,
          );
          return;
        }
        // Every file stat-ed, the changed ones read; only those whose bytes the index does not
        // have are parsed and written (issue 22: after one edit, the work of one file, not of
        // the library). `--verify` reads every file.
        const r = await index.reindex({ verify: opts.verify === true });
        ctx.output.out(
          `Checked the index of ${root}: ${r.read} files read, ${r.parsed} indexed again, ${r.removed} removed in ${elapsed(start)} ms`,
        );
      } finally {
        index.close();
      }
    });
};
