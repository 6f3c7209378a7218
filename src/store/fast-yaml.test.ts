import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { TRICKY_YAML_STRINGS } from "../../test/support/tricky-yaml.js";
import { fastParseYamlMap } from "./fast-yaml.js";
import { stringifyYaml } from "./yaml-document.js";

const full = (text: string): unknown => parse(text, { schema: "core" }) ?? null;

/** Parses with both readers; when the fast one answers it must agree with `yaml`. */
function agree(text: string): boolean {
  const fast = fastParseYamlMap(text);
  if (fast === undefined) return false;
  expect(fast.data, text).toEqual(full(text));
  return true;
}

const TRICKY = TRICKY_YAML_STRINGS;

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function randomValue(rand: () => number, depth: number): unknown {
  const r = rand();
  if (r < 0.45) return pick(rand, TRICKY);
  if (r < 0.55) return Math.floor(rand() * 1e6) - 1000;
  if (r < 0.6) return rand() < 0.5;
  if (r < 0.63) return 1.5;
  if (depth > 1) return pick(rand, TRICKY);
  if (r < 0.8)
    return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 4); i > 0; i--) obj[`k${i}`] = randomValue(rand, depth + 1);
  return obj;
}

describe("fastParseYamlMap", () => {
  it("agrees with yaml on serialized random data", () => {
    const rand = seeded(42);
    let fastCount = 0;
    const runs = 1500;
    for (let n = 0; n < runs; n++) {
      const data: Record<string, unknown> = {};
      for (let i = Math.floor(rand() * 6) + 1; i > 0; i--) {
        data[pick(rand, ["short", "title", "ids", "links", "authors", "summary", "x_y", "a-b"])] =
          randomValue(rand, 0);
      }
      const text = stringifyYaml(data);
      if (agree(text)) fastCount++;
    }
    // Most serialized documents take the fast path (the rest fall back to yaml, still correct).
    expect(fastCount).toBeGreaterThan(runs * 0.4);
  });

  it("agrees with yaml on hand-written front matter", () => {
    const docs = [
      "short: ResNet                      # required: the name a person uses\ntitle: Deep Residual Learning\nyear: 2015\n",
      'ids: { arxiv: "1512.03385", doi: 10.1109/CVPR.2016.90, corpusId: 206594692 }\n',
      'links:\n  - { url: "https://arxiv.org/pdf/1512.03385", kind: pdf }   # kind: pdf|page\n',
      "links:\n- {url: https://x.org/a?b=c, kind: pdf}\n- {url: 'https://y', kind: code}\ncovered: true\n",
      'source: { kind: bilibili, id: BV1H44y1t75x, url: "https://www.bilibili.com/video/BV1H44y1t75x/" }\n                                   # kind: bilibili | manual\ntags: [机器学习]\n',
      "ids:\n  arxiv: '1706.03762'\n  corpusId: 13756489\nauthors:\n  - Ashish Vaswani\n  - Noam Shazeer\n",
      "summary: |\n  line one\n  line two\n\n  after blank\ncovered: false\n",
      "summary: |-\n    deeper\n      more\n  # not content\nx: 1\n",
      "empty:\nnext: [a, b,]\n",
      "a: []\nb: {}\nc: ''\nd: \"\"\n",
      'title: Transformer 逐段精读\nlabel: P16 [2.11.1]\nruntime: "1:27:05"\ndate: 2021-10-27\n',
      "mentions: [斯坦福 100+ 作者的 200+ 页综述]\n",
      "# only a comment\n",
      "",
      "a: 'it''s'\nb: \"\\u00e9\\t\\\\x\"\n",
      "a: b\n  c\n",
      "a: &x 1\nb: *x\n",
      "a: !!str 1\n",
      "a: 1\na: 2\n",
      "- a\n- b\n",
      "a:\n  - b\n  -\n",
      "a: >\n  folded\n",
      "a: b: c\n",
      "a: [1, [2, 3], {x: y}]\n",
      "a: {x: [1, 2]}\n",
      "a: 'multi\n  line'\n",
      "a:\n    b: 1\n    c:\n      - 2\n",
      "a: 1 # c\n  # indented comment\nb: 2\n",
    ];
    for (const doc of docs) {
      const fast = fastParseYamlMap(doc);
      let yamlResult: unknown;
      try {
        yamlResult = full(doc);
      } catch {
        expect(fast, `yaml rejects, fast must too: ${doc}`).toBeUndefined();
        continue;
      }
      if (fast) expect(fast.data, doc).toEqual(yamlResult);
    }
  });

  it("takes the fast path for typical front matter and records lines", () => {
    const text =
      'short: ResNet\nauthors: [Kaiming He]\nids: { arxiv: "1512.03385" }\nlinks:\n  - { url: "https://arxiv.org/pdf/1512.03385", kind: pdf }\ncategories: [计算机视觉-cnn]\n';
    const fast = fastParseYamlMap(text);
    expect(fast?.lines).toMatchObject({ short: 1, authors: 2, ids: 3, links: 4, "links.0": 5 });
  });

  it("refuses (returns undefined for) anything it does not fully understand", () => {
    for (const doc of [
      "a: !foo x\n",
      "a: &x 1\n",
      "a: >\n  x\n",
      "%YAML 1.2\n---\na: 1\n",
      "a:\tb\n",
    ]) {
      expect(fastParseYamlMap(doc), doc).toBeUndefined();
    }
  });
});
