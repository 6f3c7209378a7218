/**
 * Reading an HTTP answer on node:http: its headers as one record and its body, decompressed and
 * capped. The one body reader of the two HTTP clients, the safe fetcher of user-given URLs
 * (src/net) and the sources' API transport (src/sources/http): here, below both.
 */
import type { IncomingMessage } from "node:http";
import { pipeline, type Readable, type Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";

/** The cap of an answer's body after decompression when a caller names none: 64 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The headers, lower-case names, repeated ones joined by ", " (as fetch's Headers do). */
export function headerRecord(message: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(message.headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

/**
 * Reads (and decompresses: gzip, deflate, br) at most `maxBytes` of the body, then stops
 * reading; `truncated` says it was longer. Rejects when the connection or the decompression
 * fails before the end.
 */
export async function readBody(
  message: IncomingMessage,
  headers: Record<string, string>,
  maxBytes: number = DEFAULT_MAX_BODY_BYTES,
): Promise<{ body: Uint8Array; truncated: boolean }> {
  const encoding = (headers["content-encoding"] ?? "").trim().toLowerCase();
  const decompress: Transform | undefined =
    encoding === "gzip" || encoding === "x-gzip"
      ? createGunzip()
      : encoding === "deflate"
        ? createInflate()
        : encoding === "br"
          ? createBrotliDecompress()
          : undefined;
  // pipeline, not pipe: pipe() does not pass the source's error on, so a connection that dies
  // mid-body would leave the loop below waiting on the decompressor forever. pipeline destroys the
  // decompressor with the error (or a premature close), and the loop rejects with it. Its callback
  // has nothing to do: the loop sees every error.
  const stream: Readable = decompress ? pipeline(message, decompress, () => {}) : message;
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
  // Stopped early at the cap: destroying the pipeline's end destroys the message with it.
  if (stream !== message) stream.destroy();
  const out = Buffer.concat(chunks, size);
  return { body: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), truncated };
}
