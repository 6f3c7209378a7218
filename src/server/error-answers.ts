import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { EXIT, JingduError } from "../core/index.js";

/** What every refused or failed API request answers: the error catalogue's fields. */
export interface ErrorAnswer {
  code: string;
  message: string;
  hint?: string;
}

/** Codes whose HTTP status is not the one their exit code gives. */
const STATUS_OF_CODE: Record<string, ContentfulStatusCode> = {
  "unknown-page": 404,
  "unknown-paper": 404,
  "unknown-course": 404,
  "unknown-episode": 404,
  "unknown-note": 404,
  "unknown-revision": 404,
  "not-a-note": 404,
  "not-reviewed": 404,
  "not-found": 404,
  "request-too-large": 413,
  "sources-unavailable": 501,
  "source-failed": 502,
};

/** The HTTP status of a JingduError: by its code, else by its exit code. */
export function statusOf(error: JingduError): ContentfulStatusCode {
  const byCode = STATUS_OF_CODE[error.code];
  if (byCode) return byCode;
  if (error.exitCode === EXIT.usage || error.exitCode === EXIT.invalidInput) return 400;
  if (error.exitCode === EXIT.conflict) return 409;
  return 500;
}

/** An API error answer: `{code, message, hint}` with its status. */
export function errorAnswer(c: Context, error: JingduError): Response {
  const body: ErrorAnswer = { code: error.code, message: error.message };
  if (error.hint) body.hint = error.hint;
  c.header("cache-control", "no-store");
  return c.json(body, statusOf(error));
}

/** A refusal of the API's own (validation, unknown ids) as a catalogue error. */
export function refuse(code: string, message: string, hint?: string): JingduError {
  return new JingduError(code, message, {
    exitCode: EXIT.usage,
    ...(hint === undefined ? {} : { hint }),
  });
}

/**
 * `app.onError`: a JingduError answers its code, message and hint with its status (ConflictError
 * 409, a refused request 400, an unknown id 404); Hono's own exceptions keep their status (a body
 * over the limit 413); anything else is a 500 with a code and no stack, told to `report`.
 */
export function createErrorHandler(report: (error: unknown) => void) {
  return (error: Error, c: Context): Response => {
    if (error instanceof JingduError) return errorAnswer(c, error);
    if (error instanceof HTTPException) {
      const status = error.status;
      const code = status === 413 ? "request-too-large" : `http-${status}`;
      const message = status === 413 ? "the request body is over the limit" : error.message;
      c.header("cache-control", "no-store");
      return c.json({ code, message } satisfies ErrorAnswer, status as ContentfulStatusCode);
    }
    report(error);
    c.header("cache-control", "no-store");
    return c.json(
      {
        code: "internal-error",
        message: "the server failed to answer this request",
        hint: "The server's output says why; the library on disk is as it was before.",
      } satisfies ErrorAnswer,
      500,
    );
  };
}
