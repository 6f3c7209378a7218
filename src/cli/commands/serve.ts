import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { type Diagnostic, EXIT, JingduError } from "../../core/index.js";
import type { Adders, RunningServer } from "../../server/create-server.js";
import { limitHeapGrowth } from "../../server/heap-growth.js";
import { prefetchLibraryCache } from "../../store/load-library-cached.js";
import type { CliContext } from "../context.js";
import { printLibraryProblems } from "../output.js";
import type { RegisterCommand } from "../run-cli.js";
import { libraryRoot } from "./shared.js";

export const DEFAULT_PORT = 4000;

/**
 * The server module (Hono, the route table, watchers) is loaded only by the commands that use
 * it, so that every other command starts without it (~0.6 s).
 */
const serverModule = () => import("../../server/create-server.js");
/** Note files and their revisions (`revisions`, `restore`), without the server. */
const notesModule = () => import("../../store/revisions.js");

/**
 * What the add forms need (the metadata sources with zod, the store's writers), loaded at the
 * first add rather than before the server answers its first page.
 */
const addModules = async () => ({
  ...(await import("../../sources/index.js")),
  ...(await import("../../store/index.js")),
  sourcesFor: (await import("./add.js")).sourcesFor,
});

/** Adding papers and courses from the web app, through the same sources as `jingdu add`. */
function addersFor(ctx: CliContext, root: string): Adders {
  return {
    async paper(input) {
      const {
        libraryFiles,
        loadLibraryCached,
        resolvePaper,
        saveFetched,
        sourcesFor,
        writeFileAtomic,
      } = await addModules();
      const { library } = await loadLibraryCached(root);
      const r = await resolvePaper(input, {
        sources: sourcesFor(ctx, root),
        takenIds: library.papers.map((p) => p.id),
      });
      if (!r.accepted) {
        throw new Error(
          `the best match “${r.paper.title ?? r.paper.short}” is not certain enough; add it with \`jingdu add paper --yes\``,
        );
      }
      const [[path, content]] = [...libraryFiles({ papers: [r.paper] })] as [[string, string]];
      await writeFileAtomic(join(root, path), content, { expectedHash: null });
      await saveFetched(root, [r.fetched]);
      return r.paper.title ?? r.paper.short;
    },
    async course(input) {
      const {
        importBilibiliCourse,
        libraryFiles,
        loadLibraryCached,
        saveFetched,
        sourcesFor,
        writeFileAtomic,
      } = await addModules();
      const { library } = await loadLibraryCached(root);
      const c = await importBilibiliCourse(input, {
        sources: sourcesFor(ctx, root),
        collection: false,
        takenIds: library.courses.map((x) => x.id),
      });
      for (const [path, content] of libraryFiles({ courses: [c.course] })) {
        await writeFileAtomic(join(root, path), content, { expectedHash: null });
      }
      await saveFetched(root, c.fetched);
      return c.course.title;
    },
  };
}

/**
 * Starts the web app on `root`: the given port, else (when it is taken) a free one, saying so.
 * Prints the URL; `open` also opens it in the default browser.
 */
export async function serveLibrary(
  ctx: CliContext,
  root: string,
  opts: { port?: number; open?: boolean },
): Promise<RunningServer> {
  const wanted = opts.port ?? DEFAULT_PORT;
  const base = {
    root,
    now: ctx.now,
    adders: addersFor(ctx, root),
    // As other commands do, on stderr; again after a change on disk adds or fixes one.
    onProblems: (problems: Diagnostic[]) => {
      if (problems.length === 0) ctx.output.err("The library has no problems now.");
      else printLibraryProblems(ctx.output, problems);
    },
  };
  // The library's parsed cache is read (in the background) while the server's modules load.
  prefetchLibraryCache(root);
  // This process is the server from here on: keep its heap close to what is live.
  limitHeapGrowth();
  let server: RunningServer;
  try {
    server = await (await serverModule()).startServer({ ...base, port: wanted });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EADDRINUSE") throw err;
    server = await (await serverModule()).startServer({ ...base, port: 0 });
    ctx.output.out(`Port ${wanted} is taken; using ${server.port} instead.`);
  }
  ctx.output.out(`Serving ${root} at ${server.url}  (Ctrl-C to stop)`);
  if (opts.open) {
    const opener = ctx.env.BROWSER || "xdg-open";
    try {
      spawn(opener, [server.url], { stdio: "ignore", detached: true })
        .on("error", () => ctx.output.err(`could not start ${opener}; open ${server.url}`))
        .unref();
    } catch {
      ctx.output.err(`could not start ${opener}; open ${server.url}`);
    }
  }
  return server;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new JingduError("bad-port", `not a port: ${value}`, { exitCode: EXIT.usage });
  }
  return n;
}

/** `jingdu serve`, `jingdu revisions FILE`, `jingdu restore FILE REVISION`. */
export const registerServe: RegisterCommand = (program, ctx) => {
  program
    .command("serve")
    .argument("[dir]", "the library folder (default: the usual lookup)")
    .description("serve the library as a local web app: browse, search, edit notes, mark progress")
    .option("--port <n>", `the port (default ${DEFAULT_PORT}; a free one when it is taken)`)
    .option("--open", "open the app in the default browser")
    .action(async (dir: string | undefined, opts: { port?: string; open?: boolean }) => {
      const root = dir ? resolve(ctx.cwd, dir) : await libraryRoot(program, ctx);
      await serveLibrary(ctx, root, {
        ...(opts.port === undefined ? {} : { port: parsePort(opts.port) }),
        open: opts.open === true,
      });
    });

  const noteFile = async (file: string) => {
    const rel = file.replaceAll("\\", "/").replace(/^\.\//, "");
    if (!(await notesModule()).isNoteFile(rel)) {
      throw new JingduError("not-a-note", `${file} is not a paper, course or episode file`, {
        hint: "Give the path relative to the library, e.g. courses/limu/episodes/007.md.",
        exitCode: EXIT.usage,
      });
    }
    return rel;
  };

  program
    .command("revisions")
    .argument("<file>", "a note file relative to the library (papers/resnet.md)")
    .description("list the earlier versions of a note kept by the web app, newest first")
    .action(async (file: string) => {
      const root = await libraryRoot(program, ctx);
      const rel = await noteFile(file);
      const names = await (await notesModule()).listRevisions(root, rel);
      if (names.length === 0) ctx.output.out(`No revisions of ${rel}.`);
      for (const name of names) ctx.output.out(name);
    });

  program
    .command("restore")
    .argument("<file>", "a note file relative to the library")
    .argument("<revision>", "a revision name from `jingdu revisions FILE`")
    .description("make a revision the current version (the current one becomes a revision)")
    .action(async (file: string, revision: string) => {
      const root = await libraryRoot(program, ctx);
      const rel = await noteFile(file);
      if (!(await (await notesModule()).listRevisions(root, rel)).includes(revision)) {
        throw new JingduError("unknown-revision", `no revision ${revision} of ${rel}`, {
          hint: `List them with: jingdu revisions ${rel}`,
          exitCode: EXIT.usage,
        });
      }
      await (await notesModule()).restoreRevision(root, rel, revision, ctx.now);
      ctx.output.out(
        `Restored ${rel} from ${revision}; the previous version is kept as a revision.`,
      );
    });
};
