import { once } from "node:events";
import { createServer, get, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { headerRecord, readBody } from "./http-body.js";

/** A loopback server whose one answer is written by `answer`; closed after each test. */
let closeServer: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeServer?.();
  closeServer = undefined;
});

async function answerFrom(
  answer: (socket: import("node:net").Socket) => void,
): Promise<IncomingMessage> {
  const server = createServer();
  server.on("connection", (socket) => answer(socket));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  closeServer = () => new Promise((done) => server.close(() => done()));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    get({ host: "127.0.0.1", port, path: "/" }, resolve).on("error", reject);
  });
}

/** Rejects after `ms` so a hang fails the test with a message instead of the suite's timeout. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no end in ${ms} ms`)), ms)),
  ]);
}

describe("readBody", () => {
  it("decompresses a gzip body and caps it", async () => {
    const text = "残差".repeat(1000);
    const zipped = gzipSync(text);
    const full = await answerFrom((socket) => {
      socket.write(
        `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${zipped.length}\r\nConnection: close\r\n\r\n`,
      );
      socket.end(zipped);
    });
    const read = await within(readBody(full, headerRecord(full)), 2000);
    expect(Buffer.from(read.body).toString("utf8")).toBe(text);
    expect(read.truncated).toBe(false);

    const capped = await answerFrom((socket) => {
      socket.write(
        `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${zipped.length}\r\nConnection: close\r\n\r\n`,
      );
      socket.end(zipped);
    });
    const part = await within(readBody(capped, headerRecord(capped), 10), 2000);
    expect(part.body.length).toBe(10);
    expect(part.truncated).toBe(true);
  });

  it("rejects, never hangs, when a compressed answer's connection dies mid-body", async () => {
    const zipped = gzipSync("x".repeat(200_000));
    const message = await answerFrom((socket) => {
      socket.write(
        `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${zipped.length}\r\n\r\n`,
      );
      socket.write(zipped.subarray(0, 100));
      setTimeout(() => socket.destroy(), 50);
    });
    await expect(within(readBody(message, headerRecord(message)), 3000)).rejects.not.toThrow(
      /no end in/,
    );
  });

  it("rejects when a plain answer's connection dies mid-body", async () => {
    const message = await answerFrom((socket) => {
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
      socket.write("only a part");
      setTimeout(() => socket.destroy(), 50);
    });
    await expect(within(readBody(message, headerRecord(message)), 3000)).rejects.not.toThrow(
      /no end in/,
    );
  });
});
