import { describe, expect, it } from "vitest";
import { adoptLibraryPapers, citekeyBase, libraryCitekeys, uniqueCitekey } from "./citekey.js";
import { makePaper } from "./make-items.js";

describe("citation keys", () => {
  it("are made in Better BibTeX's default shape: last name, year, first title word", () => {
    const resnet = {
      authors: ["Kaiming He", "Xiangyu Zhang"],
      year: 2016,
      title: "Deep Residual Learning for Image Recognition",
      short: "ResNet",
    };
    expect(citekeyBase(resnet)).toBe("he2016deep");
    expect(citekeyBase({ ...resnet, title: "The Attention of $O(n^2)$ Models" })).toBe(
      "he2016attention",
    );
    expect(
      citekeyBase({ authors: ["Jörg Neugebauer"], year: 1998, title: "On Ga", short: "x" }),
    ).toBe("neugebauer1998ga");
    expect(citekeyBase({ authors: [], short: "" })).toBe("paper");
  });

  it("are unique in the library with a letter, and a paper's own key is kept", () => {
    const taken = new Set(["he2016deep"]);
    expect(uniqueCitekey("he2016deep", taken)).toBe("he2016deepa");
    expect(uniqueCitekey("he2016deep", taken)).toBe("he2016deepb");
    const papers = [
      makePaper({
        id: "resnet",
        authors: ["Kaiming He"],
        year: 2016,
        title: "Deep Residual Learning",
      }),
      makePaper({
        id: "resnet-v2",
        authors: ["Kaiming He"],
        year: 2016,
        title: "Deep Residual Nets",
      }),
      makePaper({ id: "mine", citekey: "he2016deep" }),
    ];
    expect([...libraryCitekeys(papers)]).toEqual([
      ["mine", "he2016deep"],
      ["resnet", "he2016deepa"],
      ["resnet-v2", "he2016deepb"],
    ]);
  });

  it("an imported paper takes the id of the library paper with its citekey or ids", () => {
    const library = [
      makePaper({ id: "resnet", ids: { arxiv: "1512.03385" } }),
      makePaper({ id: "bert", citekey: "devlin2019bert" }),
      makePaper({ id: "other" }),
    ];
    const incoming = [
      makePaper({ id: "he2016", citekey: "he2016", ids: { arxiv: "1512.03385v3" } }),
      makePaper({ id: "devlin2019bert", citekey: "devlin2019bert" }),
      makePaper({ id: "other", citekey: "other2020" }),
    ];
    const matches = adoptLibraryPapers(incoming, library);
    expect(incoming.map((p) => p.id)).toEqual(["resnet", "bert", "other-2"]);
    expect(matches.map((m) => m.by)).toEqual(["id", "citekey"]);
  });
});

describe("uniqueCitekey with a cursor", () => {
  /** The rule itself: the first of base, base + a, b, … that is not taken. */
  const suffix = (n: number): string =>
    n < 26 ? String.fromCharCode(97 + n) : `${suffix(Math.floor(n / 26) - 1)}${suffix(n % 26)}`;
  const firstFree = (base: string, taken: Set<string>) => {
    if (!taken.has(base)) return base;
    for (let n = 0; ; n++) if (!taken.has(`${base}${suffix(n)}`)) return `${base}${suffix(n)}`;
  };

  it("gives the keys the rule gives, however many papers share a base", () => {
    const own = ["he2016deepa", "he2016deepc", "paperb", "smith2020graph"];
    const papers = [
      ...Array.from({ length: 300 }, (_, i) =>
        makePaper({
          id: `p${String(i).padStart(3, "0")}`,
          short: "Deep",
          authors: ["Kaiming He"],
          year: 2016,
        }),
      ),
      ...Array.from({ length: 60 }, (_, i) => makePaper({ id: `q${i}`, short: "" })),
      ...own.map((citekey, i) => makePaper({ id: `own${i}`, short: "x", citekey })),
    ];
    const keys = libraryCitekeys(papers);
    // The same keys the rule gives, paper by paper in id order, own keys taken first.
    const taken = new Set(own);
    const expected = new Map(own.map((k, i) => [`own${i}`, k]));
    for (const p of papers.filter((p) => !p.citekey).sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const key = firstFree(citekeyBase(p), taken);
      taken.add(key);
      expected.set(p.id, key);
    }
    expect(keys).toEqual(expected);
    expect(new Set(keys.values()).size).toBe(papers.length);
    expect(keys.get("p001")).toBe("he2016deepb");
  });
});

describe("adoptLibraryPapers with keys the reader made up", () => {
  const doiOnly = () =>
    makePaper({ id: "untitled", short: "untitled", citekey: "untitled", ids: { doi: "10.1/x" } });
  const abstractOnly = () =>
    Object.assign(makePaper({ id: "untitled", short: "untitled", citekey: "untitled" }), {
      abstract: "A study of nothing in particular.",
    });

  it("matches a made-up key only to a paper of the same content", () => {
    const library = [abstractOnly()];
    const again = [abstractOnly()];
    expect(adoptLibraryPapers(again, library, new Set(["untitled"]))).toEqual([
      { id: "untitled", existing: "untitled", by: "citekey" },
    ]);
  });

  it("does not fill one untitled record into another that shares its made-up key", () => {
    const incoming = [abstractOnly()];
    const matches = adoptLibraryPapers(incoming, [doiOnly()], new Set(["untitled"]));
    expect(matches).toEqual([]);
    expect(incoming[0]?.id).not.toBe("untitled");
    expect(incoming[0]?.citekey).not.toBe("untitled");
  });

  it("still matches a key the file gave, whatever the content", () => {
    const incoming = [abstractOnly()];
    expect(adoptLibraryPapers(incoming, [doiOnly()])).toEqual([
      { id: "untitled", existing: "untitled", by: "citekey" },
    ]);
  });
});
