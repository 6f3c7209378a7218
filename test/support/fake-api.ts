/**
 * The one setup for tests that talk to Semantic Scholar, arXiv or bilibili: the fake server on
 * 127.0.0.1 (recorded fixtures, scripted faults; see fake-api-server.ts) together with everything
 * that points jingdu at it: the environment a CLI run gets, the platform of in-process CLI runs
 * (local-only fetch, short gaps), and source clients for library-level tests.
 *
 * @example
 * const api = await startFakeApi({ fixturesDir });     // in beforeAll; api.close() in afterAll
 * const run = await api.jingdu(["refresh"], { cwd: lib }); // in-process, against the fake
 * const sources = api.sources();                          // for refreshLibrary, addPaper, …
 */
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { SourcesPlatform } from "../../src/cli/context.js";
import type { SourcesSettings } from "../../src/sources/index.js";
import { type FakeApiServer, sharedFixturesDir, startFakeApiServer } from "./fake-api-server.js";
import { type CliRun, type InProcessOptions, runCliInProcess } from "./run-cli.js";
import {
  fakeApiEnv,
  localOnlyFetch,
  localOnlyTransport,
  makeTestSources,
  type TestSources,
} from "./test-sources.js";

export {
  describeWithFixtures,
  type FakeApiServer,
  type FakeReply,
  type FakeRequest,
  REPO_ROOT,
  sharedFixturesDir,
} from "./fake-api-server.js";
export { fakeApiEnv } from "./test-sources.js";

/**
 * Gaps and back-offs of a run on the real clock cut to 10 ms: the same logic as the documented
 * seconds (the rate limiter, retries, Retry-After) without sleeping them.
 */
export function shortGaps(settings: SourcesSettings): void {
  for (const name of ["s2", "arxiv", "bilibili", "youtube"] as const) {
    settings[name].rateLimit.minIntervalMs = 10;
    settings[name].retry.baseDelayMs = 10;
  }
  settings.bilibiliSubtitleGapMs = 10;
}

export interface FakeApiRunOptions extends InProcessOptions {
  /**
   * false: the run's environment does not name the fake (the test's jingdu.yaml does). Default
   * true.
   */
  viaEnv?: boolean;
}

export interface FakeApi extends FakeApiServer {
  /** `fakeApiEnv(url)`: for spawned runs (`runJingduAsync(args, { cwd, env: api.env })`). */
  env: Record<string, string>;
  /** For in-process runs: fetch that only reaches 127.0.0.1, and `shortGaps`. */
  platform: SourcesPlatform;
  /** Source clients on a virtual clock (instant sleeps, recorded): `makeTestSources`. */
  sources(opts?: Parameters<typeof makeTestSources>[1]): TestSources;
  /** `jingdu ARGS` in-process against the fake (env and platform above, unless overridden). */
  jingdu(args: string[], opts: FakeApiRunOptions): Promise<CliRun>;
}

/** Starts the fake; without `fixturesDir` it only answers scripts and handlers (else 501). */
export async function startFakeApi(opts: { fixturesDir?: string } = {}): Promise<FakeApi> {
  const server = await startFakeApiServer(opts);
  const env = fakeApiEnv(server.url);
  const platform: SourcesPlatform = {
    transport: localOnlyTransport,
    fetch: localOnlyFetch,
    adjust: shortGaps,
  };
  return {
    ...server,
    env,
    platform,
    sources: (sourceOpts) => makeTestSources(server.url, sourceOpts),
    jingdu: (args, { viaEnv = true, ...run }) =>
      runCliInProcess(args, {
        ...run,
        env: { ...(viaEnv ? env : {}), ...run.env },
        sourcesPlatform: { ...platform, ...run.sourcesPlatform },
      }),
  };
}

/** A fake API a block of tests shares: started before them, closed after. */
export interface FakeApiHandle {
  /** The running fake (throws before the block's first test started it). */
  readonly server: FakeApi;
  /** `server.sources()` made when it started: clients on a virtual clock. */
  readonly sources: TestSources;
}

/**
 * Starts the fake API for the enclosing `describe` (once, or anew for each test with
 * `each: true`), replaying `../shared`'s recorded fixtures unless `fixtures: false`, and closes
 * it after.
 * @example const api = useFakeApi(); it("…", async () => { await addPaper(lib, q, { sources: api.sources }) })
 */
export function useFakeApi(opts: { each?: boolean; fixtures?: boolean } = {}): FakeApiHandle {
  let server: FakeApi | undefined;
  let sources: TestSources | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("useFakeApi: the fake starts before each test");
    return value;
  };
  const fixturesDir = opts.fixtures === false ? undefined : sharedFixturesDir();
  (opts.each ? beforeEach : beforeAll)(async () => {
    server = await startFakeApi(fixturesDir ? { fixturesDir } : {});
    sources = server.sources();
  });
  (opts.each ? afterEach : afterAll)(async () => {
    await server?.close();
    server = undefined;
  });
  return {
    get server() {
      return started(server);
    },
    get sources() {
      return started(sources);
    },
  };
}
