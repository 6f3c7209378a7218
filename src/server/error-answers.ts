import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type ErrorCode, JingduError } from "../core/index.js";

/** What every refused or failed API request answers: the error catalogue's fields. */
export interface ErrorAnswer {
  code: ErrorCode;
  message: string;
  hint?: string;
}

/** The HTTP status of a JingduError: its catalogue entry's (core/error-catalogue.ts). */
export function statusOf(error: JingduError): ContentfulStatusCode {
  return error.httpStatus;
}

/** An API error answer: `{code, message, hint}` with its status. */
export function errorAnswer(c: Context, error: JingduError): Response {
  const body: ErrorAnswer = { code: error.code, message: error.message };
  if (error.hint) body.hint = error.hint;
  c.header("cache-control", "no-store");
  return c.json(body, statusOf(error));
}

/** A refusal of the API's own (validation, unknown ids) as a catalogue error. */
export function refuse(code: ErrorCode, message: string, hint?: string): JingduError {
  return new JingduError(code, message, hint === undefined ? {} : { hint });
}

/**
 * `app.onError`: a JingduError answers its code, message and hint with its catalogue status
 * (ConflictError 409, a refused request 400, an unknown id 404); Hono's own exceptions become
 * catalogue errors too (a body over the limit `request-too-large`, any other `request-invalid`);
 * anything else is `internal-error` with no stack, told to `report`.
 */
export function createErrorHandler(report: (error: unknown) => void) {
  return (error: Error, c: Context): Response => {
    if (error instanceof JingduError) return errorAnswer(c, error);
    if (error instanceof HTTPException) {
      const tooLarge = error.status === 413;
      return errorAnswer(
        c,
        new JingduError(
          tooLarge ? "request-too-large" : "request-invalid",
          tooLarge ? "the request body is over the limit" : error.message,
        ),
      );
    }
    report(error);
    return errorAnswer(
      c,
      new JingduError("internal-error", "the server failed to answer this request"),
    );
  };
}
