import { describe, expect, it } from "vitest";
import { describeWithFixtures, useFakeApi } from "../../../test/support/fake-api.js";
import { HttpError } from "../http/index.js";
import { NEIGHBOUR_FIELDS } from "./s2-graph.js";
import { fetchS2Recommendations, recommendationsBaseUrl } from "./s2-recommendations.js";

const RECS = { method: "POST", path: "/recommendations/v1/papers/" };
const RESNET = "2c03df8b48bf3fa39054345bafabfeff15bfd11d";
const BN = "995c5f5e62614fcb4d2796ad2faab969da51713e";

describe("recommendationsBaseUrl", () => {
  it("is the graph API's sibling, or the base with /recommendations/v1 appended", () => {
    expect(recommendationsBaseUrl("https://api.semanticscholar.org/graph/v1/")).toBe(
      "https://api.semanticscholar.org/recommendations/v1",
    );
    expect(recommendationsBaseUrl("http://127.0.0.1:9/mirror")).toBe(
      "http://127.0.0.1:9/mirror/recommendations/v1",
    );
  });
});

describeWithFixtures("S2 recommendations against the fake Semantic Scholar", () => {
  const api = useFakeApi({ each: true });

  it("posts the positive and negative ids once and maps S2's answer in its order", async () => {
    api.server.script(RECS, { fixture: "semanticscholar/s2-recommendations-post-lists.json" });
    const { papers } = await fetchS2Recommendations(api.sources.s2.http, {
      positive: [RESNET],
      negative: [BN],
    });
    expect(api.server.count(RECS)).toBe(1);
    const asked = api.server.requests.at(-1);
    expect(JSON.parse(asked?.body ?? "")).toEqual({
      positivePaperIds: [RESNET],
      negativePaperIds: [BN],
    });
    expect(asked?.query.get("limit")).toBe("100");
    // What a graph neighbour keeps (paperId always comes), ids and counts among them.
    const fields = asked?.query.get("fields")?.split(",");
    expect(fields).toEqual(NEIGHBOUR_FIELDS.filter((f) => f !== "paperId"));
    expect(fields).toEqual(expect.arrayContaining(["externalIds", "citationCount", "title"]));
    // The recording: 100 papers, paperId and title only (it asked fields=title).
    expect(papers).toHaveLength(100);
    expect(papers[0]).toEqual({
      s2: "df02b0118f4d23c7dcdc7ef22b15bdd6302e8da2",
      title: "The path sequence of a graph",
    });
  });

  it("keeps the fields a graph paper keeps (the shaped answer)", async () => {
    api.server.script(RECS, { fixture: "synthetic:s2-recommendations-resnet-vit.SHAPED.json" });
    const { papers } = await fetchS2Recommendations(api.sources.s2.http, {
      positive: [RESNET],
      negative: [],
    });
    expect(papers[1]).toEqual({
      s2: "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567",
      title: "A ConvNet for the 2020s",
      year: 2022,
      venue: "Computer Vision and Pattern Recognition",
      authors: ["Zhuang Liu", "Hanzi Mao", "Chaozheng Wu"],
      citationCount: 5120,
      ids: { arxiv: "2201.03545", corpusId: 245837420 },
    });
  });

  it("answers S2's 400 with its words and a hint, asking once", async () => {
    api.server.script(RECS, {
      status: 400,
      fixture: "semanticscholar/s2-recommendations-400-no-positive.json",
    });
    const err = await fetchS2Recommendations(api.sources.s2.http, {
      positive: [],
      negative: [RESNET],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(400);
    expect((err as HttpError).message).toContain("/recommendations/v1/papers/");
    expect((err as HttpError).hint).toContain(
      "Semantic Scholar refused the recommendation request: No positive paper examples given",
    );
    expect(api.server.count(RECS)).toBe(1);
  });

  it("waits and asks again after a 429, as every S2 request does", async () => {
    api.server.script(
      RECS,
      { status: 429, fixture: "semanticscholar/s2-429-too-many-requests.OBSERVED.json" },
      { fixture: "synthetic:s2-recommendations-resnet-vit.SHAPED.json" },
    );
    const { papers } = await fetchS2Recommendations(api.sources.s2.http, {
      positive: [RESNET],
      negative: [],
    });
    expect(api.server.count(RECS)).toBe(2);
    expect(papers.map((p) => p.title)).toContain("Scaling Vision Transformers");
  });
});
