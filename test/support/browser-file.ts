/**
 * What a browser test file holds for its whole run, set up in one call at its top: the run's
 * chromium (connected before the file's tests, when chromium is here), its guarded pages, the
 * servers it starts and the temp folders it makes, all closed and removed after the file (it
 * registers `beforeAll`/`afterAll`). Every browser test file starts this way, so none writes
 * the launch and close again.
 */
import { rmSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, type describe } from "vitest";
import { type RunningServer, type ServerOptions, startServer } from "../../src/server/index.js";
import {
  browserSuite,
  CHROMIUM,
  type GuardedPage,
  launchChromium,
  openGuardedPage,
} from "./browser.js";
import { tempDir } from "./run-cli.js";

export interface BrowserFile {
  /** `describe` when chromium is here, else `describe.skip` with a message naming the file. */
  suite: typeof describe | typeof describe.skip;
  /** Whether chromium is here: a file's own `beforeAll` does nothing when it is not. */
  chromium: boolean;
  /** The run's chromium, for this file. */
  browser(): Browser;
  /** A page in its own context that may only talk to 127.0.0.1 (`openGuardedPage`). */
  open(width?: number, options?: Parameters<typeof openGuardedPage>[2]): Promise<GuardedPage>;
  /** `startServer` (port 0 and the real clock unless told), closed after the file. */
  serve(
    options: Omit<ServerOptions, "port" | "now"> & Partial<ServerOptions>,
  ): Promise<RunningServer>;
  /** A temp folder removed after the file. */
  temp(prefix: string): string;
  /** `dir` (a folder the file made, e.g. a demo library's parent) removed after the file. */
  removeAfter(dir: string): string;
  /** Something to close after the file (before chromium), e.g. a fake API or a static server. */
  closeAfter<T extends { close(): unknown }>(thing: T): T;
}

export function browserFile(name: string): BrowserFile {
  let browser: Browser | undefined;
  const temps: string[] = [];
  const open: { close(): unknown }[] = [];
  beforeAll(async () => {
    if (CHROMIUM) browser = await launchChromium();
  });
  afterAll(() =>
    closeInTurn([
      ...open.reverse().map((thing) => () => thing.close()),
      () => browser?.close(),
      ...temps.map((d) => () => rmSync(d, { recursive: true, force: true })),
    ]),
  );
  const closeAfter = <T extends { close(): unknown }>(thing: T): T => {
    open.push(thing);
    return thing;
  };
  const removeAfter = (dir: string): string => {
    temps.push(dir);
    return dir;
  };
  const the = (): Browser => {
    if (!browser) throw new Error(`${name}: chromium is not connected (a test outside its suite?)`);
    return browser;
  };
  return {
    // A getter: the skip message is printed by the files that ask for the suite.
    get suite() {
      return browserSuite(name);
    },
    chromium: !!CHROMIUM,
    browser: the,
    open: (width, options) => openGuardedPage(the(), width, options),
    serve: async (options) =>
      closeAfter(await startServer({ port: 0, now: () => new Date(), ...options })),
    temp: (prefix) => removeAfter(tempDir(prefix)),
    removeAfter,
    closeAfter,
  };
}

/**
 * Runs every step in turn, each even when one before it failed (a server that will not stop
 * must not leave the file's browser contexts and temp folders behind for the next files), then
 * throws what failed: the one error, or all of them in an AggregateError.
 */
export async function closeInTurn(steps: readonly (() => unknown)[]): Promise<void> {
  const errors: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} steps did not close`);
}
