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
