import type { z } from "zod";
import { type RequestInfo, ResponseFormatError } from "./errors.js";
import type { RawResponse } from "./http-client.js";

/** 16 digits in a row somewhere: the only texts that may hold an integer beyond 2^53. */
const LONG_DIGITS = /\d{16}/;

/** A character of a JSON number after its first: a digit, `.`, `e`/`E`, `+` or `-`. */
const inNumber = (c: number) =>
  (c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45;

/**
 * Rewrites integer literals beyond 2^53 as JSON strings, so `JSON.parse` keeps every digit
 * (bilibili's subtitle ids are ~1e18). A small scanner: strings are copied verbatim, so digits
 * inside them are never touched. Node 20 has no JSON.parse source-text access. A text without
 * 16 digits in a row (most answers) is returned at once; strings are skipped by `indexOf`.
 * @example quoteUnsafeIntegers('{"id":1062373651225267712}') === '{"id":"1062373651225267712"}'
 */
export function quoteUnsafeIntegers(text: string): string {
  if (!LONG_DIGITS.test(text)) return text;
  let out = "";
  let copyFrom = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // To the closing quote: the next `"` not escaped by an odd run of backslashes.
      let end = text.indexOf('"', i + 1);
      while (end !== -1) {
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 92 /* \ */) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      const start = i;
      i++;
      while (i < n && inNumber(text.charCodeAt(i))) i++;
      if (i - start >= 16) {
        const token = text.slice(start, i);
        if (/^-?\d{16,}$/.test(token) && !Number.isSafeInteger(Number(token))) {
          out += `${text.slice(copyFrom, start)}"${token}"`;
          copyFrom = i;
        }
      }
      continue;
    }
    i++;
  }
  return copyFrom === 0 ? text : out + text.slice(copyFrom);
}

/** Says what came instead of JSON: nothing, an HTML page (a proxy's or a login page), a cut body. */
function notJsonDetail(text: string, err: Error): string {
  const trimmed = text.trim();
  if (trimmed === "") return "empty body instead of JSON";
  if (trimmed.startsWith("<")) {
    const title = /<title[^>]*>([^<]{0,80})/i.exec(trimmed.slice(0, 4096))?.[1]?.trim();
    return `HTML instead of JSON${title ? ` (“${title}”)` : ""}, ${text.length} characters`;
  }
  if (/end of (JSON )?input|unterminated/i.test(err.message))
    return `JSON cut short after ${text.length} characters (${err.message})`;
  return `invalid JSON (${err.message})`;
}

/** Parses JSON text (big integers kept as strings); a syntax error becomes ResponseFormatError. */
export function parseJsonText(text: string, request: RequestInfo): unknown {
  try {
    return JSON.parse(quoteUnsafeIntegers(text));
  } catch (err) {
    throw new ResponseFormatError(request, notJsonDetail(text, err as Error), text);
  }
}

/** Validates a value against a zod schema at the edge; names the first problem's path. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  res: Pick<RawResponse, "request" | "text">,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
  throw new ResponseFormatError(res.request, `${issue?.message ?? "invalid"}${where}`, res.text);
}

/** A `parse` function for HttpRequest: JSON text → validated value. */
export function jsonParser<S extends z.ZodType>(schema: S): (res: RawResponse) => z.output<S> {
  return (res) => validate(schema, parseJsonText(res.text, res.request), res);
}
