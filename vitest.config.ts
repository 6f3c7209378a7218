import { defineConfig } from "vitest/config";

/**
 * Tests that compare timings (linear-time's ratios): run after all the others, one at a time, in
 * a fresh process each, so no other test file takes the cores they time on.
 */
const TIMING = ["test/reliability/linear-time.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Both cores (vitest's default on 2 is one worker), and each worker keeps its loaded modules
    // from one test file to the next: a fresh process per file re-imported the whole of src/
    // for each of ~200 files, a third of the suite's time (docs/performance.md, 2026-12-04).
    // Test files share nothing else: each makes its own temp folders, servers and fakes, no
    // test mocks a module or changes process.env, and the few process-wide hooks (fuzz.test's
    // unhandledRejection) are removed in afterAll.
    maxWorkers: 2,
    // One chromium for the run, launched when a browser test first asks (test/support).
    globalSetup: ["test/support/browser-launcher.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "shared",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: TIMING,
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "timing",
          include: TIMING,
          isolate: true,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
