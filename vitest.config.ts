import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // One chromium for the run, launched when a browser test first asks (test/support).
    globalSetup: ["test/support/browser-launcher.ts"],
  },
});
