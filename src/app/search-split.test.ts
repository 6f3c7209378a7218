/**
 * The split index's long lists against the plain way of making them: postings pushed in item
 * order against one `addPosting` at a time, pages in impact order against a comparator sort,
 * and a split fragment's `KEY*` against a union made item by item.
 */
import { describe, expect, it } from "vitest";
import { createRandom } from "../../bench/paper-library.js";
import { FIELD_WEIGHTS } from "./search-postings.js";
import {
  addPosting,
  type PagedPostings,
  type Postings,
  postingsOf,
  splitSizes,
  writeFragment,
} from "./search-split.js";

const r = createRandom(11);
/** A `tf` code with each field 0–`most` (not all 0): ties are common. */
const tfCode = (most: number) => {
  for (;;) {
    const [t, s, b] = [0, 1, 2].map(() => (r() < 0.5 ? 0 : Math.floor(r() * (most + 1))));
    const code = (t as number) * 10_000 + (s as number) * 100 + (b as number);
    if (code > 0) return code;
  }
};
/** `[n, tf, …]` of `count` of the items 0…`items`-1, ascending. */
const postingList = (items: number, count: number, most = 3) => {
  const ns = new Set<number>();
  while (ns.size < count) ns.add(Math.floor(r() * items));
  return [...ns].sort((a, b) => a - b).flatMap((n) => [n, tfCode(most)]);
};
const undelta = (list: readonly number[]) => {
  const out = [...list];
  for (let i = 2; i < out.length; i += 2) out[i] = (out[i] as number) + (out[i - 2] as number);
  return out;
};
const pairs = (list: readonly number[]): [n: number, tf: number][] =>
  Array.from({ length: list.length / 2 }, (_, i) => [
    list[2 * i] as number,
    list[2 * i + 1] as number,
  ]);

/** A term's impact order as written out in search-query.ts's ranking of one term. */
function impactOrder(list: readonly number[]): number[] {
  const [wt, ws, wb] = FIELD_WEIGHTS as [number, number, number];
  const key = (tf: number) => {
    const head = wt * Math.floor(tf / 10_000) + ws * (Math.floor(tf / 100) % 100);
    return head > 0 ? [1, head] : [2, wb * (tf % 100)];
  };
  return pairs(list)
    .sort(([na, a], [nb, b]) => {
      const [ta, wa] = key(a) as [number, number];
      const [tb, wb2] = key(b) as [number, number];
      return ta - tb || wb2 - wa || nb - na;
    })
    .map(([n]) => n);
}

describe("the split index's lists", () => {
  it("pages a long list in impact order, each page by item, as a comparator sort orders it", () => {
    for (const [items, count, most] of [
      [3000, 1200, 3],
      [5000, 4999, 1],
      [800, 700, 99],
    ] as const) {
      const list = postingList(items, count, most);
      const files = new Map<string, string>();
      const sizes = splitSizes({ firstPage: 50, page: 120, fragmentBytes: 1e9 });
      writeFragment("ab", new Map([["abc", list]]), items, sizes, files);
      const entry = JSON.parse(files.get("/search/t/61-62.json") as string).abc as PagedPostings;
      const pages = [entry.p];
      for (let k = 1; files.has(`/search/p/61-62-63.${k}.json`); k++) {
        pages.push(JSON.parse(files.get(`/search/p/61-62-63.${k}.json`) as string));
      }
      expect(entry.d).toBe(count);
      expect(pages.length).toBe(1 + Math.ceil((count - 50) / 120));
      const order = impactOrder(list);
      let at = 0;
      const tfOf = new Map(pairs(list));
      for (const page of pages.map(undelta)) {
        const ns = pairs(page).map(([n]) => n);
        expect(ns).toEqual([...ns].sort((a, b) => a - b));
        const size = ns.length;
        expect(new Set(ns)).toEqual(new Set(order.slice(at, at + size)));
        for (const [n, tf] of pairs(page)) expect(tf).toBe(tfOf.get(n));
        at += size;
      }
      expect(at).toBe(count);
    }
  });

  it("posts a split fragment's KEY* as each item's most over its words, field by field", () => {
    const words = ["abc", "abd", "abde", "abx", "aby"];
    const lists = words.map(() => postingList(400, 150, 99));
    const fragment = new Map(words.map((w, i) => [w, lists[i] as number[]]));
    const files = new Map<string, string>();
    const splits = writeFragment("ab", fragment, 400, splitSizes({ fragmentBytes: 500 }), files);
    const top = JSON.parse(files.get("/search/t/61-62.json") as string);
    const most = new Map<number, number[]>();
    for (const list of lists) {
      for (const [n, tf] of pairs(list)) {
        const f = [Math.floor(tf / 10_000), Math.floor(tf / 100) % 100, tf % 100];
        const had = most.get(n) ?? [0, 0, 0];
        most.set(
          n,
          had.map((v, i) => Math.max(v, f[i] as number)),
        );
      }
    }
    const expected = [...most]
      .sort((a, b) => a[0] - b[0])
      .flatMap(([n, [t, s, b]]) => [
        n,
        (t as number) * 10_000 + (s as number) * 100 + (b as number),
      ]);
    // Split: abc…, abd…, its parts listed for splits.json only, not in the fragment.
    const [ab] = splits.filter(([name]) => name === "61-62");
    expect([...(ab?.[1] ?? "")]).toEqual(expect.arrayContaining(["c", "d"]));
    for (const part of ["61-62-63", "61-62-64"])
      expect(files.has(`/search/t/${part}.json`)).toBe(true);
    expect(Object.hasOwn(top, "")).toBe(false);
    expect(undelta(top["ab*"] as number[])).toEqual(expected);
  });

  it("makes the postings addPosting makes one posting at a time", () => {
    const tokens = ["re", "res", "残差", "残*", "zz", "a"];
    const items = Array.from({ length: 300 }, () => {
      const terms = new Map<string, number>();
      for (const t of tokens) if (r() < 0.6) terms.set(t, tfCode(5));
      return terms;
    });
    const plain: Postings = new Map();
    items.forEach((terms, n) => {
      for (const [t, tf] of terms) addPosting(plain, t, n, tf);
    });
    const made = postingsOf(items);
    const sorted = (p: Postings) =>
      [...p]
        .map(([k, f]) => [k, [...f].sort((a, b) => (a[0] < b[0] ? -1 : 1))] as const)
        .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    expect(sorted(made)).toEqual(sorted(plain));
  });
});
