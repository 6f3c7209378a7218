/**
 * Reading a response: its headers as one record, its body decompressed and capped, and racing a
 * promise against the fetch deadline.
 */
import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";

export function headerRecord(message: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(message.headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

/** Reads (and decompresses) at most maxBytes of the body, then stops reading. */
export async function readBody(
  message: IncomingMessage,
  headers: Record<string, string>,
  maxBytes: number,
): Promise<{ body: Uint8Array; truncated: boolean }> {
  const encoding = (headers["content-encoding"] ?? "").trim().toLowerCase();
  let stream: Readable = message;
  if (encoding === "gzip" || encoding === "x-gzip") stream = message.pipe(createGunzip());
  else if (encoding === "deflate") stream = message.pipe(createInflate());
  else if (encoding === "br") stream = message.pipe(createBrotliDecompress());
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    if (size + buf.length > maxBytes) {
      chunks.push(buf.subarray(0, maxBytes - size));
      size = maxBytes;
      truncated = true;
      break;
    }
    chunks.push(buf);
    size += buf.length;
  }
  if (stream !== message) stream.destroy();
  const out = Buffer.concat(chunks, size);
  return { body: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), truncated };
}

/** `promise`, or the signal's reason as soon as it aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolvePromise, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolvePromise(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}
