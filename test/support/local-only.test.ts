import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localOnlyFetch, localOnlyTransport } from "./test-sources.js";

/**
 * The tests' network guard (test-sources.ts): only 127.0.0.1 is asked, a redirect's target
 * included. The "elsewhere" server listens on `localhost` by another name than 127.0.0.1, so a
 * request that got past the guard would be counted there (and nothing leaves the machine).
 */
const listen = async (handler: RequestListener) => {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as AddressInfo).port };
};

let local: { server: Server; port: number };
let elsewhere: { server: Server; port: number };
let reachedElsewhere = 0;

beforeAll(async () => {
  elsewhere = await listen((_req, res) => {
    reachedElsewhere++;
    res.end("elsewhere");
  });
  local = await listen((req, res) => {
    if (req.url === "/away") {
      res.writeHead(302, { location: `http://localhost:${elsewhere.port}/x` }).end();
    } else if (req.url === "/hop") res.writeHead(301, { location: "/here" }).end();
    else if (req.url === "/post") res.writeHead(303, { location: "/here" }).end();
    else res.end(`here ${req.method}`);
  });
});
afterAll(async () => {
  for (const s of [local?.server, elsewhere?.server]) await new Promise((r) => s?.close(r));
});

const base = () => `http://127.0.0.1:${local.port}`;
const get = (url: string) =>
  localOnlyTransport({ method: "GET", url, headers: {}, signal: AbortSignal.timeout(5000) });

describe("the tests' network guard", () => {
  it("the transport refuses a redirect away from 127.0.0.1 before asking it, follows one within", async () => {
    await expect(get(`${base()}/away`)).rejects.toThrow(
      `test tried to reach http://localhost:${elsewhere.port}/x`,
    );
    await expect(get(`http://localhost:${elsewhere.port}/x`)).rejects.toThrow(/test tried/);
    expect(reachedElsewhere).toBe(0);
    const within = await get(`${base()}/hop`);
    expect([within.status, within.text]).toEqual([200, "here GET"]);
  });

  it("the fetch refuses a redirect away from 127.0.0.1 before asking it, follows one within", async () => {
    await expect(localOnlyFetch(`${base()}/away`)).rejects.toThrow(
      `test tried to reach http://localhost:${elsewhere.port}/x`,
    );
    expect(reachedElsewhere).toBe(0);
    const within = await localOnlyFetch(`${base()}/hop`);
    expect([within.status, await within.text()]).toEqual([200, "here GET"]);
    // A 303 after a POST is followed by a GET, as fetch does.
    const posted = await localOnlyFetch(`${base()}/post`, { method: "POST", body: "x" });
    expect(await posted.text()).toBe("here GET");
    // A caller that handles redirects itself gets the 3xx.
    const manual = await localOnlyFetch(`${base()}/away`, { redirect: "manual" });
    expect(manual.status).toBe(302);
    expect(reachedElsewhere).toBe(0);
  });
});
