/**
 * What a browser suite of the web app holds for its whole run (a `browserFile`): libraries made by
 * `jingdu init` in temp folders, and the servers started on them; all closed and removed after
 * the suite. Call it at the top of a test file (it registers `beforeAll`/`afterAll`).
 */
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { expect } from "vitest";
import type { Adders, RunningServer } from "../../src/server/index.js";
import type { Sources } from "../../src/sources/index.js";
import { loadLibrary } from "../../src/store/index.js";
import { addedAnswer, addPaper } from "../../src/workspace/index.js";
import { browserFile } from "./browser-file.js";
import { runCliInProcess } from "./run-cli.js";

export interface AppSuite {
  /** The suite's chromium (launched before the tests when chromium is on PATH). */
  browser(): Browser;
  /** `jingdu init lib ARGS…` in a new temp folder: the library's root. */
  library(args: string[]): Promise<string>;
  /**
   * `jingdu serve` on `root` (port 0, the real clock), closed after the suite; with `sources`
   * (e.g. a fake API's), papers are added through them as `jingdu serve` adds them.
   */
  serve(root: string, opts?: { watch?: boolean; sources?: Sources }): Promise<RunningServer>;
  /** A temp folder removed after the suite. */
  temp(prefix: string): string;
}

/** The adders `jingdu serve` wires (cli/commands/serve.ts), on given sources; no course. */
export function paperAdders(root: string, sources: Sources): Adders {
  return {
    paper: async (input, choices = {}) => {
      const { library } = await loadLibrary(root);
      const r = await addPaper({
        root,
        sources,
        library,
        input,
        ...(choices.category ? { category: choices.category } : {}),
        ...(choices.acceptUncertain ? { acceptUncertain: true } : {}),
      });
      return addedAnswer(r);
    },
    course: async () => {
      throw new Error("no course is added in this suite");
    },
  };
}

export function appSuite(prefix: string): AppSuite {
  const file = browserFile(prefix);
  return {
    browser: file.browser,
    temp: file.temp,
    async library(args) {
      const dir = file.temp(prefix);
      const init = await runCliInProcess(["init", "lib", ...args], { cwd: dir });
      expect(init.code, init.stderr).toBe(0);
      return join(dir, "lib");
    },
    serve: (root, opts = {}) =>
      file.serve({
        root,
        watch: !!opts.watch,
        ...(opts.sources ? { adders: paperAdders(root, opts.sources) } : {}),
      }),
  };
}
