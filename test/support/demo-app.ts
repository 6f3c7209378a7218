/**
 * The web app on the demo library, for `app.request()` tests of the server: the library host and
 * the Hono app as `jingdu serve` builds them, with a fixed token, Host and clock.
 */
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import type { Hono } from "hono";
import { createApp } from "../../src/server/create-app.js";
import { createLibraryHost, type LibraryHost } from "../../src/server/library-host.js";
import { demoLibrary } from "./demo-library.js";

export const TEST_TOKEN = "test-token";
export const TEST_HOST = "localhost:4000";
export const TEST_NOW = () => new Date("2026-03-01T10:00:00Z");

export interface DemoApp {
  root: string;
  library: LibraryHost;
  app: Hono;
}

/** A fresh demo library served by an app (errors the app catches go to `onError`). */
export async function openDemoApp(
  prefix: string,
  onError: (error: unknown) => void = () => {},
): Promise<DemoApp> {
  const root = await demoLibrary(prefix);
  const library = await createLibraryHost({ root, now: TEST_NOW });
  await library.revalidate();
  const app = createApp({
    library,
    token: TEST_TOKEN,
    allowedHosts: new Set([TEST_HOST]),
    onError,
  });
  return { root, library, app };
}

/** Closes the host and removes the library's temp folder. */
export async function closeDemoApp(demo: Pick<DemoApp, "root" | "library"> | undefined) {
  if (!demo?.library) return;
  await demo.library.close();
  rmSync(dirname(demo.root), { recursive: true, force: true });
}
