import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { JingduError } from "../../core/index.js";
import type { RequestBody, RequestName } from "../request-schemas.js";

/**
 * Most bytes of a JSON request body: the add forms, progress, review, restore (each a few
 * hundred bytes at most).
 */
export const JSON_BODY_LIMIT = 1024 * 1024;
/**
 * Most bytes of a note save, a preview or a kept draft: a note's whole Markdown body. 8 MB is
 * ~50 times the longest note of the built-in library, and bounds what one request can make the
 * server hold (a 400 MB preview once took it to 3.6 GB).
 */
export const NOTE_BODY_LIMIT = 8 * 1024 * 1024;

/** zod loads at the first request with a body (~80 ms), not before the first page. */
const schemasModule = () => import("../request-schemas.js");

const tooLarge = (limit: number) =>
  new JingduError("request-too-large", `the request body is over ${limit / 1024 / 1024} MB`, {
    hint: "Split the note into smaller ones; see docs/cli.md (jingdu serve, limits).",
  });

/**
 * Caps a request body at `limit` bytes (413 before it is read, from Content-Length, or as soon as
 * a chunked body passes it), parses it as JSON and checks it against the route's schema (400 with
 * the first problem). The handler reads the checked body with `bodyOf(c)`.
 */
export function jsonBody(name: RequestName, limit = JSON_BODY_LIMIT): MiddlewareHandler {
  const limited = bodyLimit({
    maxSize: limit,
    onError: () => {
      throw tooLarge(limit);
    },
  });
  return (c, next) =>
    limited(c, async () => {
      let raw: unknown;
      try {
        raw = await c.req.json();
      } catch (error) {
        if (error instanceof JingduError) throw error;
        throw new JingduError("request-invalid", "the request body is not JSON", {
          hint: "Send Content-Type: application/json with a JSON object.",
        });
      }
      const { REQUEST_SCHEMAS, describeIssue } = await schemasModule();
      const parsed = REQUEST_SCHEMAS[name].safeParse(raw);
      if (!parsed.success) {
        throw new JingduError("request-invalid", describeIssue(parsed.error));
      }
      c.set("body" as never, parsed.data as never);
      await next();
    });
}

/** The body `jsonBody(name)` checked. */
export function bodyOf<N extends RequestName>(c: Context, _name: N): RequestBody<N> {
  return c.get("body" as never) as RequestBody<N>;
}

/** Loads the schemas ahead of the first request (the server's background work does). */
export function preloadRequestSchemas(): Promise<unknown> {
  return schemasModule();
}
