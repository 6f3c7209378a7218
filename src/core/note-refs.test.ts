import { describe, expect, it } from "vitest";
import { createItemResolver } from "./item-resolver.js";
import { makeCourse, makeEpisode, makeLibrary, makePaper } from "./make-items.js";
import { itemTags, parseCitationGroup, parseWikiBody, scanNoteRefs } from "./note-refs.js";

describe("parseCitationGroup", () => {
  it("reads prefixes, keys and locators of each part", () => {
    expect(parseCitationGroup("see @a; -@b, ch. 2")).toEqual([
      { key: "a", prefix: "see", suffix: "", suppressAuthor: false },
      { key: "b", prefix: "", suffix: ", ch. 2", suppressAuthor: true },
    ]);
    expect(parseCitationGroup("@he2016deep, p. 3")?.[0]).toMatchObject({
      key: "he2016deep",
      suffix: ", p. 3",
    });
    expect(parseCitationGroup("@limu/7")?.[0]?.key).toBe("limu/7");
  });

  it("is no citation for e-mail addresses or a part without a key", () => {
    expect(parseCitationGroup("mail a@b.org")).toBeUndefined();
    expect(parseCitationGroup("@a; and more")).toBeUndefined();
    expect(parseCitationGroup("@")).toBeUndefined();
  });
});

describe("parseWikiBody", () => {
  it("splits target, heading and label", () => {
    expect(parseWikiBody("resnet#Method|how")).toEqual({
      target: "resnet",
      heading: "Method",
      label: "how",
    });
    expect(parseWikiBody(" ResNet ")).toEqual({
      target: "ResNet",
      heading: undefined,
      label: undefined,
    });
    expect(parseWikiBody("#only")).toBeUndefined();
  });
});

describe("scanNoteRefs", () => {
  it("finds every form with its line, and tags", () => {
    const note = [
      "[[resnet]] and [[Deep Residual#Method|m]]",
      "![[fig.png]] [see @a; @b, p. 2] as @c says #cv",
      "## Heading #not-a-tag",
      "mail x@y.org `[[code]]` `@code` [^1] [link](#frag) [[a]](x) C#",
      "```",
      "[[fenced]] @fenced #fenced",
      "```",
      "$$",
      "@math",
      "$$",
      "#生成模型 #1",
    ].join("\n");
    const { refs, tags } = scanNoteRefs(note);
    expect(
      refs.map((r) => `${r.line}:${r.kind}:${r.ref}${r.heading ? `#${r.heading}` : ""}`),
    ).toEqual([
      "1:wiki:resnet",
      "1:wiki:Deep Residual#Method",
      "2:embed:fig.png",
      "2:cite:a",
      "2:cite:b",
      "2:bare:c",
      "4:wiki:a",
    ]);
    expect(tags).toEqual(["cv", "生成模型"]);
  });

  it("gives an item's tags with its note's, once each", () => {
    expect(itemTags({ tags: ["gan", "cv"], notes: "#cv #新" })).toEqual(["gan", "cv", "新"]);
    expect(itemTags({ tags: ["gan"], notes: "" })).toEqual(["gan"]);
  });
});

describe("createItemResolver", () => {
  const library = makeLibrary({
    papers: [
      makePaper({
        id: "resnet",
        short: "ResNet",
        title: "Deep Residual Learning",
        citekey: "he2016deep",
      }),
      makePaper({
        id: "bert",
        short: "BERT",
        title: "Pre-training of Deep Bidirectional Transformers",
      }),
      makePaper({ id: "bert-2", short: "bert" }),
      makePaper({ id: "gpt", short: "ResNet-like", title: "BERT" }),
    ],
    courses: [
      makeCourse({
        id: "limu",
        episodes: [makeEpisode({ courseId: "limu", number: 7, title: "Transformer 逐段精读" })],
      }),
    ],
  });
  const resolve = createItemResolver(library);
  const name = (r: ReturnType<typeof resolve.link>) =>
    r?.kind === "paper"
      ? r.paper.id
      : r?.kind === "episode"
        ? `${r.course.id}/${r.episode.number}`
        : r?.kind === "ambiguous"
          ? r.candidates.join("|")
          : undefined;

  it("tries id, episode, citekey, short name, title, episode title in that order", () => {
    expect(name(resolve.link("resnet"))).toBe("resnet");
    expect(name(resolve.link("limu/7"))).toBe("limu/7");
    expect(name(resolve.link("he2016deep"))).toBe("resnet");
    expect(name(resolve.link("resnet like"))).toBe("gpt");
    expect(name(resolve.link("deep residual learning"))).toBe("resnet");
    expect(name(resolve.link("Transformer 逐段精读"))).toBe("limu/7");
    expect(resolve.link("nothing")).toBeUndefined();
  });

  it("calls a name two items answer to at its deciding rule ambiguous", () => {
    // Two short names `BERT`/`bert`; the title `BERT` of gpt comes at a later rule.
    expect(name(resolve.link("BERT"))).toBe("bert|bert-2");
    expect(name(resolve.link("bert"))).toBe("bert");
  });

  it("names every item a loose key answers to, each once, in the library's order", () => {
    const three = createItemResolver(
      makeLibrary({
        papers: [
          makePaper({ id: "a", short: "GAN", title: "Generative Adversarial Nets" }),
          makePaper({ id: "b", short: "gan", title: "generative adversarial nets" }),
          makePaper({ id: "c", short: "G.A.N.", title: "Generative-Adversarial Nets!" }),
          makePaper({ id: "d", short: "DCGAN", title: "Generative adversarial nets" }),
        ],
      }),
    );
    expect(name(three.link("gan"))).toBe("a|b|c");
    // Rule 4 decides when it matches; rule 5 is asked only when it does not.
    expect(name(three.link("DCGAN"))).toBe("d");
    expect(name(three.link("generative adversarial nets"))).toBe("a|b|c|d");
    const one = createItemResolver(makeLibrary({ papers: [makePaper({ id: "a", short: "X" })] }));
    expect(name(one.link("x"))).toBe("a");
  });

  it("cites by id, episode or citekey only", () => {
    expect(name(resolve.cite("he2016deep"))).toBe("resnet");
    expect(name(resolve.cite("limu/7"))).toBe("limu/7");
    expect(resolve.cite("ResNet")).toBeUndefined();
  });
});
