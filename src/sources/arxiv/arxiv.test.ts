import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  describeWithFixtures,
  sharedFixturesDir,
  useFakeApi,
} from "../../../test/support/fake-api.js";
import { parseArxivId } from "../../core/index.js";
import { ResponseFormatError } from "../http/index.js";
import { ArxivApiError } from "./arxiv-client.js";
import { parseArxivFeed } from "./atom.js";
import { parseXml } from "./xml.js";

const fixtures = sharedFixturesDir();

describe("parseArxivId", () => {
  it.each([
    ["1706.03762", { id: "1706.03762" }],
    ["arXiv:2101.00001v2", { id: "2101.00001", version: 2 }],
    ["0704.0001", { id: "0704.0001" }],
    ["hep-th/9901001v1", { id: "hep-th/9901001", version: 1 }],
    ["math.GT/0309136", { id: "math.GT/0309136" }],
  ])("%s", (text, expected) => {
    expect(parseArxivId(text)).toEqual(expected);
  });

  it.each([
    "1234.12345",
    "1501.0001",
    "1412.00001",
    "0703.0001",
    "2113.00001",
    "hep-th/99010",
    "BV1wE4m1R7cu",
  ])("rejects %s", (text) => {
    expect(parseArxivId(text)).toBeUndefined();
  });
});

describe("XML reader", () => {
  it("decodes entities and CDATA, and refuses DOCTYPE and truncated documents", () => {
    const el = parseXml("<a x='1 &amp; 2'><b>&lt;t&gt; &#x4e2d;</b><![CDATA[<raw>]]></a>");
    expect(el.attrs.x).toBe("1 & 2");
    expect(el.children[0]?.text).toBe("<t> 中");
    expect(el.text).toBe("<raw>");
    expect(() => parseXml('<!DOCTYPE x [<!ENTITY e "boom">]><a/>')).toThrow(/DOCTYPE/);
    expect(() => parseXml("<feed><entry><id>x</id>")).toThrow(/truncated/);
  });
});

describeWithFixtures("arXiv Atom feeds, both formats", () => {
  const read = (name: string) => readFileSync(join(fixtures as string, "arxiv", name), "utf8");

  it.each(["2025-08", "2025-11"])(
    "id_list with 3 of 4 unknown (%s): one entry, stubs ignored",
    (v) => {
      const feed = parseArxivFeed(read(`arxiv-query-idlist-3-of-4-unknown-${v}.xml`));
      expect(feed.entries).toHaveLength(1);
      const e = feed.entries[0];
      expect(e).toMatchObject({
        id: "2201.13452",
        version: 1,
        title:
          "Asymptotic Analysis for a Nonlinear Reaction-Diffusion System Modeling an Infectious Disease",
        authors: ["Hong-Ming Yin", "Jun Zou"],
        published: "2022-01-31T18:59:34Z",
        absUrl: "https://arxiv.org/abs/2201.13452",
        pdfUrl: "https://arxiv.org/pdf/2201.13452v1",
        primaryCategory: "math.AP",
        comment: "34 pages",
      });
      expect(e?.summary?.startsWith("In this paper we study")).toBe(true);
      expect(e?.summary).not.toMatch(/\n/);
    },
  );

  it.each(["2025-08", "2025-11"])("unknown id (%s): no entries", (v) => {
    expect(parseArxivFeed(read(`arxiv-query-idlist-unknown-id-${v}.xml`)).entries).toEqual([]);
  });

  it("reads both search feeds to the same entries", () => {
    const old = parseArxivFeed(read("arxiv-query-search-electron-and-proton-2025-08.xml"));
    const neu = parseArxivFeed(read("arxiv-query-search-electron-and-proton-2025-11.xml"));
    expect(old.entries).toHaveLength(10);
    expect(neu.entries).toHaveLength(10);
    // The two recordings rank results differently; one paper is in both.
    const o = old.entries.find((e) => e.id === "1602.03411");
    const n = neu.entries.find((e) => e.id === "1602.03411");
    expect(o).toBeDefined();
    expect(o?.title).toBe(n?.title);
    expect(o?.summary).toBe(n?.summary);
    expect(o?.pdfUrl).toBe(n?.pdfUrl);
    expect(o?.authors).toEqual(n?.authors);
    expect(neu.entries.find((e) => e.id === "nucl-ex/0408020")?.pdfUrl).toBe(
      "https://arxiv.org/pdf/nucl-ex/0408020v1",
    );
  });

  it("reports the error entry as an error, not a hit", () => {
    const feed = parseArxivFeed(read("arxiv-error-incorrect-id-format.MANUAL-EXAMPLE.xml"));
    expect(feed.entries).toEqual([]);
    expect(feed.errors).toEqual(["incorrect id format for 1234.12345"]);
  });
});

describeWithFixtures("arXiv client replaying recorded responses", () => {
  const api = useFakeApi();

  it("fetches an id list; unknown ids are absent from the result", async () => {
    const ids = ["2201.13455", "2201.13452", "2201.13453", "2201.13454"];
    for (const v of ["2025-08", "2025-11"]) {
      api.server.script(
        { path: "/api/query" },
        {
          fixture: `arxiv/arxiv-query-idlist-3-of-4-unknown-${v}.xml`,
          headers: { "content-type": "application/atom+xml" },
        },
      );
      const { entries } = await api.sources.arxiv.getEntries(ids);
      expect([...entries.keys()]).toEqual(["2201.13452"]);
    }
    expect(api.server.requests.at(-1)?.query.get("id_list")).toBe(ids.join(","));
  });

  it("turns the API's error entry into ArxivApiError", async () => {
    await expect(api.sources.arxiv.getEntries(["1234.12345"])).rejects.toBeInstanceOf(
      ArxivApiError,
    );
  });

  it("reports the plain-text throttle body as a bad response", async () => {
    api.server.script(
      { path: "/api/query" },
      {
        fixture: "synthetic:arxiv-rate-exceeded.synthetic.txt",
        headers: { "content-type": "text/plain" },
      },
    );
    const err = await api.sources.arxiv.getEntries(["2201.13452"]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseFormatError);
    expect((err as Error).message).toMatch(/rate exceeded/);
  });

  it("spaces requests 3 s apart by default", async () => {
    const s = api.server.sources();
    await Promise.all([s.arxiv.getEntries(["1201.56789"]), s.arxiv.getEntries(["1201.56789"])]);
    expect(s.sleeps).toContain(3000);
  });
});
