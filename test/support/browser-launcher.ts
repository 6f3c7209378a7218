/**
 * vitest's globalSetup: one chromium for the whole run, launched on the first file that asks
 * (a run without browser tests launches none) and closed when the run ends. Test files connect
 * to it (`launchChromium` in browser.ts) instead of launching their own: a launch and close was
 * ~1 s per browser file on the loaded 2-core machine, and every file's pages already live in
 * contexts of their own (openGuardedPage), so sharing the browser shares no cookies, storage
 * or routes between files. If chromium died, the next file that asks gets a new one.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type BrowserServer, chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { CHROMIUM, CHROMIUM_ARGS } from "./browser.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** `http://127.0.0.1:PORT/TOKEN`: GET it for the shared chromium's WebSocket endpoint. */
    browserLauncher: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let launched: Promise<BrowserServer> | undefined;
  const token = randomBytes(16).toString("hex");
  const launch = () =>
    chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, host: "127.0.0.1" });
  const server = createServer((req, res) => {
    if (req.url !== `/${token}` || !CHROMIUM) {
      res.writeHead(404).end();
      return;
    }
    const alive = async () => {
      const current = launched && (await launched.catch(() => undefined));
      if (!current || current.process().exitCode !== null || current.process().killed)
        launched = launch();
      return launched as Promise<BrowserServer>;
    };
    alive().then(
      (b) => res.writeHead(200, { "content-type": "text/plain" }).end(b.wsEndpoint()),
      (err: unknown) => res.writeHead(500).end(String(err)),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  project.provide("browserLauncher", `http://127.0.0.1:${port}/${token}`);
  return async () => {
    await new Promise((r) => server.close(r));
    const b = launched && (await launched.catch(() => undefined));
    await b?.close();
  };
}
