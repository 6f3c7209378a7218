import type { z } from "zod";
import { type RequestInfo, ResponseFormatError } from "./errors.js";
import type { RawResponse } from "./http-client.js";

/**
 * Rewrites integer literals beyond 2^53 as JSON strings, so `JSON.parse` keeps every digit
 * (bilibili's subtitle ids are ~1e18). A small scanner: strings are copied verbatim, so digits
 * inside them are never touched. Node 20 has no JSON.parse source-text access.
 * @example quoteUnsafeIntegers('{"id":1062373651225267712}') === '{"id":"1062373651225267712"}'
 */
export function quoteUnsafeIntegers(text: string): string {
  let out = "";
  let copyFrom = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === 34) {
          i++;
          break;
        } else i++;
      }
      continue;
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      const start = i;
      i++;
      while (i < n && /[0-9eE.+-]/.test(text.charAt(i))) i++;
      const token = text.slice(start, i);
      if (/^-?\d{16,}$/.test(token) && !Number.isSafeInteger(Number(token))) {
        out += `${text.slice(copyFrom, start)}"${token}"`;
        copyFrom = i;
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
