import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { limitHeapGrowth } from "../../base/index.js";
import { type Diagnostic, JingduError } from "../../core/index.js";
import type { Adders, Resolver, RunningServer } from "../../server/index.js";
import type { Sources } from "../../sources/index.js";
import { prefetchLibraryCache } from "../../store/light.js";
import type { CliContext } from "../context.js";
import { printLibraryProblems } from "../output.js";
import type { RegisterCommand } from "../run-cli.js";
import { libraryRoot } from "./shared.js";

export const DEFAULT_PORT = 4000;

/**
 * The server (Hono, the route table, watchers) is loaded only by the commands that use it, so
 * that every other command starts without it (~0.6 s).
 */
const serverModule = () => import("../../server/index.js");
/** The use cases (notes, revisions, adding); they load the store and the sources when called. */
const workspaceModule = () => import("../../workspace/index.js");
/** The sources and the library loader, at the first add rather than before the first page. */
const addModules = async () => ({
  sourcesFor: (await import("./add.js")).sourcesFor,
  loadLibraryCached: (await import("../../store/index.js")).loadLibraryCached,
});

/** Adding papers and courses from the web app: the same use cases as `jingdu add`. */
function addersFor(ctx: CliContext, root: string): Adders {
  return {
    async paper(input, choices = {}) {
      const [{ sourcesFor, loadLibraryCached }, { addPaper, addedAnswer }] = await Promise.all([
        addModules(),
        workspaceModule(),
      ]);
      const { library } = await loadLibraryCached(root);
      const r = await addPaper({
        root,
        sources: sourcesFor(ctx, root),
        library,
        input,
        ...(choices.category ? { category: choices.category } : {}),
        ...(choices.acceptUncertain ? { acceptUncertain: true } : {}),
      });
      // The page asks (“add it anyway”) and sends the add again with `accept`.
      return addedAnswer(r);
    },
    async course(input) {
      const [{ sourcesFor, loadLibraryCached }, { addCourse }] = await Promise.all([
        addModules(),
        workspaceModule(),
      ]);
      const { library } = await loadLibraryCached(root);
      const c = await addCourse({ root, sources: sourcesFor(ctx, root), library, input });
      return c.existing ? { what: c.course.title, existing: c.existing.file } : c.course.title;
    },
  };
}

/** The resolve page: the same use case as `jingdu resolve`, modules loaded at its first search. */
function resolverFor(ctx: CliContext, root: string): Resolver {
  let resolver: Promise<Resolver> | undefined;
  let sources: Sources | undefined;
  const load = () => {
    resolver ??= Promise.all([addModules(), workspaceModule()]).then(
      ([{ sourcesFor, loadLibraryCached }, { createResolver }]) =>
        createResolver({
          root,
          library: async () => (await loadLibraryCached(root)).library,
          // One set of clients for the server's life: "find them all" sends one search after
          // another, paced by one polite client (a new one per search would not wait).
          sources: () => {
            sources ??= sourcesFor(ctx, root);
            return sources;
          },
        }),
    );
    return resolver;
  };
  return {
    resolve: async (paper) => (await load()).resolve(paper),
    choose: async (paper, s2Id) => (await load()).choose(paper, s2Id),
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
    resolver: resolverFor(ctx, root),
    // As other commands do, on stderr; again after a change on disk adds or fixes one.
    onProblems: (problems: Diagnostic[]) => {
      if (problems.length === 0) ctx.output.err("The library has no problems now.");
      else printLibraryProblems(ctx.output, problems);
    },
    // A reload after a change on disk that failed, or a request's unexpected error: said, and
    // the server goes on (the next change reloads again).
    onError: (error: unknown, during: string, files?: string[]) => {
      const message = error instanceof Error ? error.message : String(error);
      ctx.output.err(
        during === "reload"
          ? `jingdu serve: reload of ${files?.length ? files.join(", ") : "the library"} failed: ${message}; still serving the last version that loaded`
          : `jingdu serve: ${during} failed: ${message}`,
      );
    },
  };
  // This process is the server from here on: keep its heap close to what is live. Before the
  // cache is read and the modules load: a young generation grown by then never shrinks back.
  limitHeapGrowth();
  // The library's parsed cache is read (in the background) while the server's modules load.
  prefetchLibraryCache(root);
  const { startServer } = await serverModule();
  let server: RunningServer;
  try {
    server = await startServer({ ...base, port: wanted });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EADDRINUSE") throw err;
    server = await startServer({ ...base, port: 0 });
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
      // spawn threw (no such opener): said on stderr, with the URL to open by hand.
      ctx.output.err(`could not start ${opener}; open ${server.url}`);
    }
  }
  return server;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new JingduError("bad-port", `not a port: ${value}`);
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

  program
    .command("revisions")
    .argument("<file>", "a note file relative to the library (papers/resnet.md)")
    .description("list the earlier versions of a note kept by the web app, newest first")
    .action(async (file: string) => {
      const root = await libraryRoot(program, ctx);
      const { checkNoteFile, listNoteRevisions } = await workspaceModule();
      const rel = await checkNoteFile(file);
      const revisions = await listNoteRevisions(root, rel);
      if (revisions.length === 0) ctx.output.out(`No revisions of ${rel}.`);
      for (const { name } of revisions) ctx.output.out(name);
    });

  program
    .command("restore")
    .argument("<file>", "a note file relative to the library")
    .argument("<revision>", "a revision name from `jingdu revisions FILE`")
    .description("make a revision the current version (the current one becomes a revision)")
    .action(async (file: string, revision: string) => {
      const root = await libraryRoot(program, ctx);
      const { restoreNoteRevision } = await workspaceModule();
      const { file: rel } = await restoreNoteRevision({ root, file, revision, now: ctx.now });
      ctx.output.out(
        `Restored ${rel} from ${revision}; the previous version is kept as a revision.`,
      );
    });
};
