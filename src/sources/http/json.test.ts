/**
 * `quoteUnsafeIntegers`' fast path (texts without 16 digits in a row returned at once, strings
 * skipped by indexOf) against the rule as one regular expression, over many
 * random JSON texts holding big integers, escapes and digits inside strings.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quoteUnsafeIntegers } from "./json.js";

/**
 * The rule written the other way, as one regular expression (an oracle that shares no code with
 * the scanner): a JSON string, to its closing quote or the end, is copied as it is; a number
 * token (`-` or a digit, then digits, `.`, `e`, `+`, `-`) that is an integer beyond 2^53 is quoted.
 */
function plainQuote(text: string): string {
  return text.replace(/"(?:[^"\\]|\\[\s\S]?)*"?|[-0-9][0-9eE.+-]*/g, (token) =>
    /^-?\d{16,}$/.test(token) && !Number.isSafeInteger(Number(token)) ? `"${token}"` : token,
  );
}

const bigInteger = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[1-9]\d{14,22}$/))
  .map(([neg, d]) => `${neg ? "-" : ""}${d}`);
const stringy = fc
  .array(fc.constantFrom("a", "1", "0", "\\\\", '\\"', "\\n", "9999999999999999", " ", "é"), {
    maxLength: 12,
  })
  .map((parts) => `"${parts.join("")}"`);
const scalar = fc.oneof(
  bigInteger,
  stringy,
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => JSON.stringify(x)),
  fc.constantFrom("true", "null", "1.5e300", "12345678901234567.5", "-0"),
);
const json: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    scalar,
    fc.array(tie("value"), { maxLength: 5 }).map((xs) => `[${xs.join(",")}]`),
    fc
      .array(fc.tuple(stringy, tie("value")), { maxLength: 5 })
      .map((kv) => `{${kv.map(([k, v]) => `${k}:${v}`).join(",")}}`),
  ),
})).value;

describe("quoteUnsafeIntegers", () => {
  it("writes the same text as the plain scanner for any JSON", () => {
    fc.assert(
      fc.property(json, (text) => {
        expect(quoteUnsafeIntegers(text)).toBe(plainQuote(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("keeps a big integer's digits and leaves those inside strings alone", () => {
    const text = '{"a":"\\\\","id":12345678901234567890,"s":"\\"12345678901234567890"}';
    expect(JSON.parse(quoteUnsafeIntegers(text))).toEqual({
      a: "\\",
      id: "12345678901234567890",
      s: '"12345678901234567890',
    });
  });
});
