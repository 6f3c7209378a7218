import { describe, expect, it } from "vitest";
import type { Paper } from "../../core/index.js";
import { makePaper } from "../../core/make-items.js";
import { parseTableDate } from "./dates.js";
import { splitMentions } from "./footnotes.js";
import { inlineNames, plainInline } from "./markdown-inline.js";
import { createPaperIndex, linkPapers } from "./paper-links.js";
import { parseVideoUrl } from "./video-refs.js";

describe("parseTableDate", () => {
  it("reads M/D/YY and other common forms", () => {
    expect(parseTableDate("3/30/23")).toBe("2023-03-30");
    expect(parseTableDate("10/06/21")).toBe("2021-10-06");
    expect(parseTableDate("2021-10-6")).toBe("2021-10-06");
    expect(parseTableDate("2021年10月6日")).toBe("2021-10-06");
    expect(parseTableDate("2/30/22")).toBeUndefined();
    expect(parseTableDate("soon")).toBeUndefined();
  });
});

describe("parseVideoUrl", () => {
  it("keeps the BVID's case and reads ?p=N", () => {
    expect(parseVideoUrl("https://www.bilibili.com/video/BV1pu411o7BE/?p=3")).toEqual({
      site: "bilibili",
      id: "BV1pu411o7BE",
      part: 3,
      url: "https://www.bilibili.com/video/BV1pu411o7BE/?p=3",
    });
  });
  it("reads YouTube ids from youtu.be and watch?v=", () => {
    expect(parseVideoUrl("https://youtu.be/nzqlFIcCSWQ").id).toBe("nzqlFIcCSWQ");
    expect(parseVideoUrl("https://www.youtube.com/watch?v=nzqlFIcCSWQ&t=1").id).toBe("nzqlFIcCSWQ");
  });
  it("classifies zhihu and anything else", () => {
    expect(parseVideoUrl("https://www.zhihu.com/zvideo/123").site).toBe("zhihu");
    expect(parseVideoUrl("https://example.com/v.mp4")).toEqual({
      site: "other",
      url: "https://example.com/v.mp4",
    });
    expect(parseVideoUrl("not a url")).toEqual({ site: "other", url: "not a url" });
  });
});

describe("inline helpers", () => {
  it("strips links, Liquid and footnote refs to plain text", () => {
    expect(plainInline("[Transformer] 逐段精读 {% include x.html %}[^t]")).toBe(
      "Transformer 逐段精读",
    );
    expect(plainInline("理由【[研究的艺术](https://u)· 四】")).toBe("理由【研究的艺术· 四】");
  });
  it("finds links and bracketed names", () => {
    expect(inlineNames("[GPT](https://a.pdf), [GPT-2](https://b.pdf), [GPT-3] 精读")).toEqual([
      { text: "GPT", url: "https://a.pdf", reference: false, label: "GPT" },
      { text: "GPT-2", url: "https://b.pdf", reference: false, label: "GPT-2" },
      { text: "GPT-3", reference: true, label: "GPT-3" },
    ]);
  });
  it("splits footnote mentions", () => {
    expect(splitMentions("1 [A 综述]，2 [B]，3 [C]")).toEqual(["A 综述", "B", "C"]);
    expect(splitMentions("A; B")).toEqual(["A", "B"]);
  });
});

describe("linkPapers", () => {
  const paper = (id: string, short: string, url?: string): Paper =>
    makePaper({
      id,
      short,
      links: url ? [{ url }] : [],
    });
  const index = createPaperIndex(
    [
      paper("mocov1", "MoCov1"),
      paper("codex", "Codex"),
      paper("参数服务器", "参数服务器", "https://x.org/ps.pdf"),
      paper("gnn", "图神经网络介绍", "https://distill.pub/2021/gnn-intro/"),
      paper("megatron-lm", "Megatron-LM"),
    ],
    [{ id: "cl", name: "对比学习", order: 0, aliases: ["contrastive_learning"] }],
  );
  it("resolves names by key, URL, parenthesis, v1 and organisation prefix", () => {
    const names = inlineNames(
      "[MoCo] [OpenAI Codex] [参数服务器（Parameter Server）] [Megatron LM] " +
        "[图神经网络](https://distill.pub/2021/gnn-intro) [对比学习](#contrastive_learning) [Helm]",
    );
    const { papers, unmatched } = linkPapers(index, names);
    expect(papers).toEqual(["mocov1", "codex", "参数服务器", "megatron-lm", "gnn"]);
    expect(unmatched.map((n) => n.text)).toEqual(["Helm"]);
  });
});
