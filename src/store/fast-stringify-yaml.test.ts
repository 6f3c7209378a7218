import { describe, expect, it } from "vitest";
import { TRICKY_YAML_STRINGS } from "../../test/support/tricky-yaml.js";
import { fastStringifyYaml } from "./fast-stringify-yaml.js";
import { stringifyWithYaml } from "./yaml-document.js";

const STRINGS = [
  ...TRICKY_YAML_STRINGS,
  "yes",
  "https://arxiv.org/pdf/1501.10000",
  "A. Author0 et al.",
  "Paper number 12 on learning",
  "BERT: Pre-training of Deep Bidirectional Transformers",
  "Attention Is All You Need",
  "category-1",
  "C++ and C#",
  "50% off",
  "a=b",
  "x,y",
  "end.",
  "?",
  "-",
  "a -b",
  "mid-dle",
  "Zhang, X.",
];

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}
const pick = <T>(rand: () => number, list: readonly T[]): T =>
  list[Math.floor(rand() * list.length)] as T;

/** A string from tricky pieces glued together (indicators, spaces, quotes, digits, CJK). */
function gluedString(rand: () => number): string {
  const pieces = [
    "a",
    "Z",
    "1",
    ".",
    ":",
    " ",
    "#",
    "-",
    ",",
    "[",
    "}",
    "'",
    '"',
    "\\",
    "精",
    "/",
    "?",
    "&",
    "*",
    "!",
    "%",
    "@",
    "`",
    "|",
    ">",
    "_",
    "+",
    "e",
    "~",
    "\t",
  ];
  return Array.from({ length: 1 + Math.floor(rand() * 5) }, () => pick(rand, pieces)).join("");
}

function randomScalar(rand: () => number): unknown {
  const r = rand();
  if (r < 0.45) return pick(rand, STRINGS);
  if (r < 0.7) return gluedString(rand);
  if (r < 0.8) return Math.floor(rand() * 1e6) - 1000;
  if (r < 0.85) return rand() < 0.5;
  return pick(rand, [1.5, 0.25, -0, 1e21, 2 ** 60, 0.1 + 0.2, Number.NaN, -3]);
}

function randomValue(rand: () => number): unknown {
  const r = rand();
  if (r < 0.5) return randomScalar(rand);
  if (r < 0.7) return Array.from({ length: Math.floor(rand() * 4) }, () => randomScalar(rand));
  const map = () => {
    const obj: Record<string, unknown> = {};
    for (let i = Math.floor(rand() * 4); i > 0; i--) {
      obj[pick(rand, ["url", "kind", "arxiv", "doi", `k${i}`, "a-b", "null", "1x"])] =
        randomScalar(rand);
    }
    return obj;
  };
  if (r < 0.85) return map();
  return Array.from({ length: 1 + Math.floor(rand() * 3) }, map);
}

describe("fastStringifyYaml", () => {
  it("writes exactly what yaml writes, or leaves it to yaml", () => {
    const rand = seeded(7);
    let fast = 0;
    const runs = 4000;
    for (let n = 0; n < runs; n++) {
      const data: Record<string, unknown> = {};
      for (let i = Math.floor(rand() * 6) + 1; i > 0; i--) {
        data[pick(rand, ["short", "title", "ids", "links", "authors", "summary", "x_y", "true"])] =
          randomValue(rand);
      }
      const text = fastStringifyYaml(data);
      if (text === undefined) continue;
      fast++;
      expect(text, JSON.stringify(data)).toBe(stringifyWithYaml(data));
    }
    // Most take the fast path, so the agreement above is tested on many documents.
    expect(fast).toBeGreaterThan(runs * 0.1);
  });

  it("takes every plain string of the list one by one, as a value and in a flow list", () => {
    let fast = 0;
    for (const s of STRINGS) {
      for (const data of [{ title: s }, { authors: [s, "x"] }, { ids: { a: s } }]) {
        const text = fastStringifyYaml(data);
        if (text === undefined) continue;
        fast++;
        expect(text, JSON.stringify(data)).toBe(stringifyWithYaml(data));
      }
    }
    expect(fast).toBeGreaterThan(STRINGS.length);
  });

  it("writes a paper's front matter as yaml does, fast", () => {
    const paper = {
      short: "Paper number 0 on learning",
      year: 2015,
      authors: ["A. Author0 et al."],
      ids: { arxiv: "1501.10000" },
      links: [{ url: "https://arxiv.org/pdf/1501.10000", kind: "pdf" }],
      categories: ["category-1"],
      rating: 3,
    };
    const text = fastStringifyYaml(paper);
    expect(text).toBe(
      'short: Paper number 0 on learning\nyear: 2015\nauthors: [A. Author0 et al.]\nids: {arxiv: "1501.10000"}\nlinks:\n  - {url: https://arxiv.org/pdf/1501.10000, kind: pdf}\ncategories: [category-1]\nrating: 3\n',
    );
    expect(text).toBe(stringifyWithYaml(paper));
  });
});
