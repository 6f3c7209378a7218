/**
 * The static site's split search index (src/app/search-split.ts, search-query.ts) finds the same
 * items as the app's SQLite search (src/store searchIndex) for English words and 1-, 2- and
 * 4-character Chinese queries, fetching only a few fragments.
 */
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  librarySplit,
  RECORD_GROUP,
  runSplitQuery,
  SPLITS_PATH,
  type SplitIndex,
  splitIndex,
} from "../../src/app/index.js";
import { SEARCH_FIELDS, termTokens } from "../../src/core/index.js";
import { type LibraryIndex, libraryFiles, openIndex } from "../../src/store/index.js";
import { writeTempLibrary } from "../fixtures/libraries/sample-libraries.js";
import { QUERIES, splitLibrary } from "./split-library.js";

const weights = SEARCH_FIELDS.map((f) => f.weight);
let root = "";
let index: LibraryIndex;
let split: SplitIndex;
/** The same with fragments split down to ~1.5 KB, so that every query walks split fragments. */
let small: SplitIndex;
/** The same with postings paged past 8 items (pages of 16), so that every query reads pages. */
let paged: SplitIndex;

beforeAll(async () => {
  const library = splitLibrary(300);
  root = await writeTempLibrary(libraryFiles(library));
  index = openIndex(root);
  await index.refresh();
  split = librarySplit(library, (p) => p);
  small = librarySplit(library, (p) => p, { fragmentBytes: 1500 });
  paged = librarySplit(library, (p) => p, { fragmentBytes: 1500, firstPage: 8, page: 16 });
});
afterAll(async () => {
  index?.close();
  await rm(root, { recursive: true, force: true });
});

function siteQuery(query: string, index = split, limit = Number.POSITIVE_INFINITY) {
  const fetched: string[] = [];
  const fetchJson = async (path: string) => {
    // The search page loads which fragments are split with itself, not with a query.
    if (path !== SPLITS_PATH) fetched.push(path);
    const body = index.files.get(path);
    return body === undefined ? null : JSON.parse(body);
  };
  return runSplitQuery(query, index.docs, fetchJson, termTokens, weights, limit).then(
    ({ hits, matched, complete }) => ({
      hits,
      matched,
      complete,
      ids: hits.map((h) => index.ids[h.n] as string),
      fetched,
    }),
  );
}

describe("the split search index", () => {
  it("writes term fragments by key and records by group", () => {
    const names = [...split.files.keys()];
    expect(names).toContain("/search/t/72-65.json"); // "re…": residual, retrieval
    expect(names).toContain(`/search/t/${(0x6b8b).toString(16)}.json`); // 残
    const re = JSON.parse(split.files.get("/search/t/72-65.json") as string);
    expect(Object.keys(re)).toEqual(expect.arrayContaining(["residual", "retrieval"]));
    expect(names.filter((n) => n.startsWith("/search/r/")).length).toBe(
      Math.ceil(split.docs / RECORD_GROUP),
    );
  });

  it.each(QUERIES)("finds what the app finds for %s", async (query) => {
    const app = index.search(query, { limit: 10_000 }).map((r) => `${r.kind}:${r.id}`);
    const site = await siteQuery(query);
    expect(app.length).toBeGreaterThan(0);
    expect(site.ids.filter((id) => !id.startsWith("category:")).sort()).toEqual(app.sort());
    // One fragment per distinct key of the query's tokens, nothing else.
    expect(site.fetched.length).toBeLessThanOrEqual(query.replace(/\s/g, "").length);
  });

  it.each(QUERIES)("finds the same through fragments split small for %s", async (query) => {
    const whole = await siteQuery(query);
    const parts = await siteQuery(query, small);
    expect(parts.hits).toEqual(whole.hits);
  });

  it.each(QUERIES)(
    "finds the same through postings read in full page by page for %s",
    async (q) => {
      const whole = await siteQuery(q);
      const pages = await siteQuery(q, paged);
      expect(pages.hits).toEqual(whole.hits);
      expect(pages.complete).toBe(true);
      expect(pages.matched).toBe(whole.hits.length);
    },
  );

  it.each(QUERIES)("shows the same top 20 for %s, reading pages only until certain", async (q) => {
    const whole = await siteQuery(q);
    const top = await siteQuery(q, paged, 20);
    expect(top.hits).toEqual(whole.hits.slice(0, 20));
    if (top.complete) expect(top.matched).toBe(whole.hits.length);
    else expect(top.matched).toBeLessThanOrEqual(whole.hits.length);
  });

  it("reads a word alone only to its 20th item, and every page only when asked for all", async () => {
    const pagesOf = (fetched: string[]) => fetched.filter((p) => p.startsWith("/search/p/"));
    const top = await siteQuery("attention", paged, 20);
    // 8 items in the fragment, 16 in page 1: the top 20 are known.
    expect(pagesOf(top.fetched)).toEqual(["/search/p/61-74-74-65-6e-74-69-6f-6e.1.json"]);
    expect(top.complete).toBe(true); // one list: its size is the count
    const all = await siteQuery("attention", paged);
    const name = "/search/p/61-74-74-65-6e-74-69-6f-6e.";
    expect(pagesOf(all.fetched).length).toBeGreaterThan(1);
    expect(pagesOf(all.fetched).every((p) => p.startsWith(name))).toBe(true);
    expect(all.matched).toBe(top.matched);
  });

  it("reads a prefix that is a split fragment's key as one list of all its words", async () => {
    const app = index.search("re", { limit: 10_000 }).map((r) => `${r.kind}:${r.id}`);
    const site = await siteQuery("re", small);
    expect(site.fetched).toEqual(["/search/t/72-65.json"]); // re*, not res…, ret… as well
    expect(site.ids.filter((id) => !id.startsWith("category:")).sort()).toEqual(app.sort());
    expect((await siteQuery("re", paged, 20)).hits).toEqual(site.hits.slice(0, 20));
  });

  it("reads a one-character Chinese query as one list, not every pair it begins", async () => {
    const site = await siteQuery("学", paged, 20);
    expect(site.fetched.filter((p) => p.startsWith("/search/p/"))).toEqual([
      `/search/p/${(0x5b66).toString(16)}-2a.1.json`, // 学*, its second page only
    ]);
    expect(site.complete).toBe(true);
    const app = index.search("学", { limit: 10_000 });
    expect(site.matched).toBe(app.length);
  });

  it("splits a fragment past its size by one more character, listing the parts", () => {
    const sizes = [...small.files].filter(([p]) => p.startsWith("/search/t/"));
    expect(sizes.length).toBeGreaterThan(
      [...split.files.keys()].filter((p) => p.startsWith("/search/t/")).length,
    );
    const re = JSON.parse(small.files.get("/search/t/72-65.json") as string);
    expect(Object.hasOwn(re, "")).toBe(false); // its parts are listed in splits.json alone
    expect(small.files.has("/search/t/72-65-73.json")).toBe(true);
    const splits = JSON.parse(small.files.get(SPLITS_PATH) as string) as [string, string][];
    expect(splits).toContainEqual(["72-65", expect.stringContaining("s")]); // "res…": residual
    // Each part listed is written, and each fragment written is a top key's or a listed part.
    const listed = new Set(
      splits.flatMap(([name, next]) =>
        [...next].map((c) => `${name}-${(c.codePointAt(0) as number).toString(16)}`),
      ),
    );
    for (const part of listed) expect(small.files.has(`/search/t/${part}.json`), part).toBe(true);
    for (const path of small.files.keys()) {
      const name = /^\/search\/t\/(.+)\.json$/.exec(path)?.[1];
      if (!name || path === SPLITS_PATH) continue;
      const chars = name.split("-").map((h) => String.fromCodePoint(Number.parseInt(h, 16)));
      const top = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(
        chars[0] as string,
      )
        ? 1
        : 2;
      if (chars.length > top) expect(listed.has(name), name).toBe(true);
    }
  });

  it("fetches a term's own fragment at once, however deep it was split", async () => {
    // Split to ~300 bytes, `residual` is some levels down from `re`.
    const tiny = librarySplit(splitLibrary(300), (p) => p, { fragmentBytes: 300 });
    const own = [...tiny.files.keys()].filter(
      (p) => p.startsWith("/search/t/72-65-73") && p.length > "/search/t/72-65-73-69.json".length,
    );
    expect(own.length).toBeGreaterThan(0); // split past `resi`
    for (const query of ["residual", "resid", "res", "残差网络", "zebrafish", "resx"]) {
      const site = await siteQuery(query, tiny);
      const whole = await siteQuery(query);
      expect(site.hits, query).toEqual(whole.hits);
      const terms = site.fetched.filter((p) => p.startsWith("/search/t/"));
      // One fragment per distinct key of the query's tokens, each its token's own.
      const keys = new Set(termTokens(query, true).tokens.map((t) => [...t][0]));
      expect(terms.length, query).toBe(keys.size);
      // Each is there, but `ze…`'s: no item has a word beginning so.
      const there = terms.map((path) => tiny.files.has(path));
      expect(there, query).toEqual(terms.map(() => query !== "zebrafish"));
    }
  });

  it("ranks items with every term in the title or summary first", async () => {
    const { hits } = await siteQuery("residual");
    const tiers = hits.map((h) => h.tier);
    expect(tiers).toEqual([...tiers].sort());
    expect(tiers[0]).toBe(1);
  });

  it("finds nothing for a word no item holds, fetching one fragment", async () => {
    const site = await siteQuery("zebrafish");
    expect(site.ids).toEqual([]);
    expect(site.fetched).toEqual(["/search/t/7a-65.json"]);
  });

  it("proves two common words never meet by their bitmaps, not by every page", async () => {
    // alpha in the even items, beta in the odd ones: no item holds both.
    const items = Array.from({ length: 60 }, (_, n) => ({
      doc: {
        kind: "paper" as const,
        id: `p${n}`,
        name: `P${n}`,
        title: n % 2 ? "beta" : "alpha",
        summary: "",
        body: `${n % 2 ? "beta" : "alpha"} note ${n}`,
      },
      url: `/papers/p${n}/`,
    }));
    const index = splitIndex(items, { firstPage: 4, page: 8 });
    const none = await siteQuery("alpha beta", index, 20);
    expect(none.hits).toEqual([]);
    expect(none.complete).toBe(true);
    const pages = none.fetched.filter((p) => p.startsWith("/search/p/"));
    expect(pages.sort()).toEqual([
      "/search/p/61-6c-70-68-61.m.json",
      "/search/p/62-65-74-61.m.json",
    ]);
    const one = await siteQuery("alpha", index, 20);
    expect(one.hits.map((h) => h.n % 2)).toEqual(Array(20).fill(0));
    expect(one.matched).toBe(30);
  });

  it("proves two rare words never meet by their items' numbers, shorter than a bitmap", async () => {
    // Of 3,000 items, gamma in 40 and delta in 40 others (the rest hold neither).
    const items = Array.from({ length: 3000 }, (_, n) => {
      const word = n % 75 === 0 ? "gamma" : n % 75 === 1 ? "delta" : "other";
      return {
        doc: {
          kind: "paper" as const,
          id: `p${n}`,
          name: `P${n}`,
          title: word,
          summary: "",
          body: `${word} ${n}`,
        },
        url: `/papers/p${n}/`,
      };
    });
    const index = splitIndex(items, { firstPage: 4, page: 8 });
    const gamma = JSON.parse(index.files.get("/search/p/67-61-6d-6d-61.m.json") as string);
    expect(gamma).toEqual([0, ...Array(39).fill(75)]); // deltas: items 0, 75, 150, …
    // A word in most items keeps its bitmap.
    const other = JSON.parse(index.files.get("/search/p/6f-74-68-65-72.m.json") as string);
    expect(typeof other).toBe("string");
    const none = await siteQuery("gamma delta", index, 20);
    expect(none.hits).toEqual([]);
    expect(none.complete).toBe(true);
    expect(none.fetched.filter((p) => p.startsWith("/search/p/")).sort()).toEqual([
      "/search/p/64-65-6c-74-61.m.json",
      "/search/p/67-61-6d-6d-61.m.json",
    ]);
    const both = await siteQuery("gamma other", index, 20);
    expect(both.hits).toEqual([]);
  });
});
