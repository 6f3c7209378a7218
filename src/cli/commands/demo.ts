import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { summarizeLibrary } from "../../core/index.js";
import { initLibrary, loadLibrary } from "../../store/index.js";
import type { CliContext } from "../context.js";
import type { RegisterCommand } from "../run-cli.js";
import { templateDir } from "./init.js";
import { serveLibrary } from "./serve.js";
import { printStatus } from "./status.js";

/**
 * Where `npm start` keeps the demo library: $JINGDU_DEMO_DIR, else $XDG_DATA_HOME/jingdu/demo,
 * else ~/.local/share/jingdu/demo (the XDG default), so it survives between runs and never lands
 * inside the project checkout.
 */
export function demoDir(ctx: CliContext): string {
  if (ctx.env.JINGDU_DEMO_DIR) return resolve(ctx.cwd, ctx.env.JINGDU_DEMO_DIR);
  const data = ctx.env.XDG_DATA_HOME || join(ctx.env.HOME || homedir(), ".local", "share");
  return join(data, "jingdu", "demo");
}

export const registerDemo: RegisterCommand = (program, ctx) => {
  program
    .command("demo")
    .description(
      "create the built-in 论文精读 demo library on first run, show its status, and (with --serve) serve it",
    )
    .option("--serve", "then serve it as the local web app (what npm start does)")
    .option("--port <n>", "the port for --serve (default 4000; a free one when it is taken)")
    .action(async (opts: { serve?: boolean; port?: string }) => {
      const dir = demoDir(ctx);
      const created = !existsSync(join(dir, "jingdu.yaml"));
      let recovered: string[] = [];
      if (created) {
        // A demo whose creation was killed (`npm start`, Ctrl-C early) is completed here.
        ({ recovered } = await initLibrary(dir, {
          title: "论文精读",
          language: "zh",
          templateDir: templateDir(ctx, "limu"),
        }));
      }
      const { library } = await loadLibrary(dir);
      ctx.output.out(`${created ? "Created" : "Opened"} the demo library at ${dir}`);
      for (const what of recovered) ctx.output.out(`  recovered: ${what}`);
      ctx.output.out("");
      printStatus(ctx, summarizeLibrary(library));
      ctx.output.out("");
      ctx.output.out(
        `Try: jingdu --library "${dir}" done limu/1-3   ·   jingdu --library "${dir}" search 残差`,
      );
      if (opts.serve) {
        ctx.output.out("");
        await serveLibrary(ctx, dir, opts.port === undefined ? {} : { port: Number(opts.port) });
      }
    });
};
