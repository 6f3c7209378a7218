import { openIndex } from "../../store/index.js";
import type { RegisterCommand } from "../run-cli.js";
import { elapsed, libraryRoot } from "./shared.js";

export const registerReindex: RegisterCommand = (program, ctx) => {
  program
    .command("reindex")
    .description(
      "delete and rebuild all derived data (.jingdu/index.sqlite) from the library files",
    )
    .action(async () => {
      const root = await libraryRoot(program, ctx);
      const start = performance.now();
      const index = await openIndex(root);
      try {
        const r = await index.rebuild();
        ctx.output.out(
          `Rebuilt the index of ${root}: ${r.read} files read in ${elapsed(start)} ms`,
        );
      } finally {
        index.close();
      }
    });
};
