import { join, resolve } from "node:path";
import { JingduError, type Language } from "../../core/index.js";
import { initLibrary } from "../../store/index.js";
import type { CliContext } from "../context.js";
import type { RegisterCommand } from "../run-cli.js";

/** Templates shipped in the package's `templates/` folder. */
export const TEMPLATES = ["limu"] as const;

export function templateDir(ctx: CliContext, name: string): string {
  if (!(TEMPLATES as readonly string[]).includes(name)) {
    throw new JingduError("unknown-template", `no template named “${name}”`, {
      hint: `Templates: ${TEMPLATES.join(", ")}.`,
    });
  }
  return join(ctx.packageRoot, "templates", name);
}

export const registerInit: RegisterCommand = (program, ctx) => {
  program
    .command("init")
    .argument("[dir]", "the folder to create the library in", ".")
    .description("create a new library (optionally from a built-in template)")
    .option(
      "--template <name>",
      `start from a template: ${TEMPLATES.join(", ")} (the 论文精读 catalog)`,
    )
    .option("--title <title>", "the library's title", "My library")
    .option("--language <zh|en>", "interface language of pages and reports", "en")
    .action(async (dir: string, opts: { template?: string; title: string; language: string }) => {
      if (opts.language !== "zh" && opts.language !== "en") {
        throw new JingduError(
          "bad-language",
          `--language must be zh or en, not “${opts.language}”`,
        );
      }
      const target = resolve(ctx.cwd, dir);
      const { recovered } = await initLibrary(target, {
        title: opts.title,
        language: opts.language as Language,
        ...(opts.template === undefined ? {} : { templateDir: templateDir(ctx, opts.template) }),
      });
      ctx.output.out(
        `Created a jingdu library in ${target}${opts.template ? ` from the ${opts.template} template` : ""}.`,
      );
      for (const what of recovered) ctx.output.out(`  recovered: ${what}`);
      ctx.output.out(`Next: cd ${dir} && jingdu status`);
    });
};
