import { createSafeFetcher } from "../../net/index.js";
import {
  checkLinks,
  collectLinks,
  formatLinkReport,
  snapshotLinks,
} from "../../snapshots/index.js";
import { loadLibraryReporting } from "../load-library.js";
import { bar, type Output, printJson } from "../output.js";
import type { RegisterCommand } from "../run-cli.js";
import { libraryRoot } from "./shared.js";

const collect = (value: string, previous: string[]) => [...previous, value];

/** Progress on stderr, only on a terminal: `███░░ 12/93 host.example/path`. */
function progressLine(output: Output, show: boolean) {
  return ({ done, total, url }: { done: number; total: number; url: string }) => {
    if (show)
      output.progress?.(
        `${bar(done / Math.max(1, total), 30)} ${done}/${total} ${url.slice(0, 50).padEnd(50)}`,
      );
  };
}

export const registerSnapshot: RegisterCommand = (program, ctx, setCode) => {
  program
    .command("snapshot")
    .description(
      "archive every cited page (HTML with its CSS and images, or the PDF) into snapshots/",
    )
    .option(
      "--only <which>",
      "new: only links not archived yet; all: fetch every link again",
      "new",
    )
    .option(
      "--allow-host <host>",
      "allow a host or IP that is normally refused (loopback, private)",
      collect,
      [],
    )
    .option("--json", "print every link's outcome and the counts as JSON")
    .action(async (opts: { only: string; allowHost: string[]; json?: boolean }) => {
      if (opts.only !== "new" && opts.only !== "all") {
        program.error(`--only takes new or all, not “${opts.only}”`, { exitCode: 2 });
      }
      const root = await libraryRoot(program, ctx);
      const { library } = await loadLibraryReporting(ctx, root);
      const links = await collectLinks(library, { root });
      const show = ctx.output.tty && !opts.json;
      const result = await snapshotLinks({
        root,
        links,
        fetcher: createSafeFetcher({ allowHosts: opts.allowHost }),
        only: opts.only as "new" | "all",
        onProgress: progressLine(ctx.output, show),
      });
      if (show) ctx.output.progress?.(undefined);
      if (opts.json) {
        printJson(ctx.output, result);
        return;
      }
      const counts = Object.entries(result.counts)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${n} ${k}`);
      ctx.output.out(`${links.length} links: ${counts.join(", ") || "nothing to do"}`);
      for (const item of result.items) {
        const o = item.outcome;
        if (o.kind === "archived" || o.kind === "unchanged" || o.kind === "kept") continue;
        const why =
          o.kind === "dead"
            ? `HTTP ${o.status}`
            : o.kind === "blocked" || o.kind === "failed"
              ? o.reason
              : o.kind === "too-large"
                ? `over ${o.limit} bytes`
                : `after ${o.kind === "timeout" ? o.ms : 0} ms`;
        ctx.output.out(`  ${o.kind.padEnd(9)} ${item.url}  (${why})`);
      }
      if (result.items.some((i) => i.outcome.kind === "failed")) setCode(1);
    });

  program
    .command("links")
    .description("check every cited link: ok / redirected / dead / timed out / blocked, with when")
    .option("--all", "list the links that are ok too")
    .option(
      "--allow-host <host>",
      "allow a host or IP that is normally refused (loopback, private)",
      collect,
      [],
    )
    .option("--json", "print every link's health record as JSON")
    .action(async (opts: { all?: boolean; allowHost: string[]; json?: boolean }) => {
      const root = await libraryRoot(program, ctx);
      const { library } = await loadLibraryReporting(ctx, root);
      const links = await collectLinks(library, { root });
      const show = ctx.output.tty && !opts.json;
      const records = await checkLinks({
        links,
        fetcher: createSafeFetcher({ allowHosts: opts.allowHost }),
        root,
        onProgress: ({ done, total, record }) =>
          progressLine(ctx.output, show)({ done, total, url: record.url }),
      });
      if (show) ctx.output.progress?.(undefined);
      if (opts.json) printJson(ctx.output, { links: records });
      else {
        const citations = new Map(links.map((l) => [l.url, l.citations]));
        ctx.output.out(
          formatLinkReport(records, { citations, ...(opts.all ? { all: true } : {}) }),
        );
      }
    });
};
