import type { Command } from "commander";
import { EXIT } from "../../core/index.js";
import type { ImportSource } from "../../store/index.js";
import type { ZoteroImportOptions, ZoteroImportReport } from "../import-zotero.js";
import { type Output, printDiagnostics, printJson } from "../output.js";
import type { RegisterCommand } from "../run-cli.js";

/** Left-out items and changed files listed on the terminal; `--json` lists every one. */
const LISTED = 10;

/**
 * `jingdu import zotero`, a subcommand of `import` (so `import`'s `--dry-run` and `--json` are
 * read from it too). The client and the mapping load only when it runs.
 */
export function registerImportZotero(
  importCommand: Command,
  program: Command,
  ctx: Parameters<RegisterCommand>[1],
  setCode: Parameters<RegisterCommand>[2],
): void {
  importCommand
    .command("zotero")
    .description(
      "import from Zotero 7/8 on this computer (its local API): items, collections, tags, notes, attachments; later runs ask only for what changed",
    )
    .option(
      "--collection <name>",
      "only this collection (its name, path A / B, or key) and those in it",
    )
    .option(
      "--library-id <id>",
      "the Zotero library: 0 (yours, default), your user id, or groups/ID",
    )
    .option("--dry-run", "print what the import would make, and write nothing")
    .option("--json", "print the report as JSON (contract in docs/cli.md)")
    .action(async (_opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals<ZoteroRunOptions>();
      await runZotero(opts, program, ctx, setCode);
    });
}

type ZoteroRunOptions = ZoteroImportOptions & { json?: boolean };
type Ctx = Parameters<RegisterCommand>[1];
type SetCode = Parameters<RegisterCommand>[2];

async function runZotero(opts: ZoteroRunOptions, program: Command, ctx: Ctx, setCode: SetCode) {
  const { importZotero } = await import("../import-zotero.js");
  const report = await importZotero(opts, program, ctx);
  if (opts.json) printJson(ctx.output, report);
  else printZoteroReport(ctx.output, report);
  if (report.conflicts.length > 0) setCode(EXIT.conflict);
}

/**
 * `jingdu import --again zotero` (or `zotero-vision`): the Zotero import that manifest remembers,
 * run again with its library and collection.
 */
export function runZoteroAgain(
  source: ImportSource,
  opts: { dryRun?: boolean; json?: boolean },
  program: Command,
  ctx: Ctx,
  setCode: SetCode,
): Promise<void> {
  const library = /\/((?:users|groups)\/\d+)$/.exec(source.origin ?? "")?.[1];
  return runZotero(
    {
      ...(library ? { libraryId: library } : {}),
      ...(source.collection ? { collection: source.collection } : {}),
      ...(opts.dryRun ? { dryRun: true } : {}),
      ...(opts.json ? { json: true } : {}),
    },
    program,
    ctx,
    setCode,
  );
}

function printZoteroReport(output: Output, r: ZoteroImportReport): void {
  const { out } = output;
  const what = r.collection ? ` (collection ${r.collection})` : "";
  out(
    r.dryRun
      ? `Would import Zotero${what} from ${r.zotero} (dry run: nothing written)`
      : `Imported Zotero${what} from ${r.zotero} into ${r.library}`,
  );
  out(
    r.since === null
      ? `  read      ${r.listed} items (the whole library, version ${r.version ?? "?"})`
      : r.listed === 0
        ? `  read      nothing changed in Zotero since version ${r.since}`
        : `  read      ${r.listed} items changed since version ${r.since} (now ${r.version ?? "?"})`,
  );
  const p = r.papers;
  out(
    r.dryRun
      ? `  papers    ${p.read} (${p.created} new)`
      : `  papers    ${p.created} created, ${p.updated} updated, ${p.unchanged} unchanged` +
          (p.conflicts ? `, ${p.conflicts} kept (you edited them)` : ""),
  );
  out(`  categories ${r.categories.total} from collections, ${r.categories.created} new`);
  out(
    `  notes     ${r.notes} notes, ${r.attachments} attachments linked (the files stay where they are)`,
  );
  if (r.outside > 0) out(`  outside   ${r.outside} items not in the collection`);
  if (r.left.length > 0) out(`  left      ${r.left.length} items imported as no paper:`);
  for (const l of r.left.slice(0, LISTED))
    out(`            ${l.key} ${l.itemType}${l.title ? ` "${l.title}"` : ""}: ${l.why}`);
  if (r.left.length > LISTED)
    out(`            … and ${r.left.length - LISTED} more (--json lists all)`);
  const kept = r.deleted.flatMap((d) => (d.paper ? [d.paper] : []));
  if (r.deleted.length > 0)
    out(
      `  deleted   ${r.deleted.length} items deleted in Zotero${kept.length > 0 ? `; their papers are kept (delete them yourself if you wish): ${kept.join(", ")}` : ""}`,
    );
  for (const c of r.changed.slice(0, LISTED)) out(`  ${c.outcome.padEnd(9)} ${c.path}`);
  if (r.changed.length > LISTED) out(`  … and ${r.changed.length - LISTED} more files changed`);
  for (const c of r.conflicts)
    out(`  kept your edited ${c} (the import's version was not written)`);
  out(`  time      read ${r.ms.read} ms, write ${r.ms.write} ms, total ${r.ms.total} ms`);
  printDiagnostics(output, r.warnings);
}
