/**
 * The hand-written check of a search answer against the zod schema it stands in for: over many
 * random answers (right and wrong types in every field, extra keys, nulls, missing keys), what it
 * accepts zod accepts, with the same value; and the answers S2 sends take the fast path.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SYNTHETIC_FIXTURES } from "../../../test/support/fake-api-server.js";
import { s2SearchSchema } from "./s2-schema.js";
import { fastSearchAnswer } from "./s2-search-fast.js";

const anyValue = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, 0, -1, 1.5, 2 ** 53, "", "x"),
  fc.constant({}),
  fc.constant([]),
);
/** A field: absent (undefined, dropped by JSON), a plausible value, or any other value. */
const field = (plausible: fc.Arbitrary<unknown>) =>
  fc.option(fc.oneof({ weight: 4, arbitrary: plausible }, { weight: 1, arbitrary: anyValue }), {
    nil: undefined,
  });
const author = fc.record({
  authorId: field(fc.option(fc.string(), { nil: null })),
  name: field(fc.option(fc.string(), { nil: null })),
  url: field(fc.string()),
});
const paper = fc.record({
  paperId: field(fc.stringMatching(/^[0-9a-f]{40}$/)),
  corpusId: field(fc.option(fc.integer(), { nil: null })),
  externalIds: field(
    fc.option(
      fc.dictionary(
        fc.constantFrom("ArXiv", "DOI", "CorpusId", "DBLP", "MAG", "__proto__", "x"),
        fc.oneof(fc.string(), fc.integer(), fc.constant(null), anyValue),
      ),
      { nil: null },
    ),
  ),
  title: field(fc.option(fc.string(), { nil: null })),
  venue: field(fc.option(fc.string(), { nil: null })),
  year: field(fc.option(fc.integer({ min: 1900, max: 2030 }), { nil: null })),
  citationCount: field(fc.option(fc.nat(), { nil: null })),
  openAccessPdf: field(
    fc.option(
      fc.record({
        url: field(fc.option(fc.string(), { nil: null })),
        status: field(fc.option(fc.string(), { nil: null })),
        license: field(fc.option(fc.string(), { nil: null })),
      }),
      { nil: null },
    ),
  ),
  authors: field(fc.option(fc.array(author, { maxLength: 3 }), { nil: null })),
  abstract: field(fc.string()),
});
const answer = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      total: fc.nat(),
      offset: fc.nat(),
      data: field(fc.option(fc.array(paper, { maxLength: 4 }), { nil: null })),
    }),
  },
  { weight: 1, arbitrary: anyValue },
);

describe("fastSearchAnswer", () => {
  it("accepts only what s2SearchSchema accepts, giving what it gives", () => {
    fc.assert(
      fc.property(answer, (raw) => {
        // As the client has it: parsed from JSON text.
        const value: unknown = JSON.parse(JSON.stringify(raw) ?? "null");
        const fast = fastSearchAnswer(value);
        const slow = s2SearchSchema.safeParse(value);
        if (fast !== undefined) {
          expect(slow.success).toBe(true);
          expect(fast).toEqual(slow.data);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it("takes the fast path for the answers S2 sends", () => {
    for (const name of ["s2-paper-search-vgg.SHAPED.json", "s2-paper-search-mocov2.SHAPED.json"]) {
      const value: unknown = JSON.parse(readFileSync(join(SYNTHETIC_FIXTURES, name), "utf8"));
      const fast = fastSearchAnswer(value);
      expect(fast).toBeDefined();
      expect(fast).toEqual(s2SearchSchema.parse(value));
    }
    expect(fastSearchAnswer({ total: 0, offset: 0 })).toEqual({});
  });
});
