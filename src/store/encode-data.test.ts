import { describe, expect, it } from "vitest";
import { makeEpisode, makePaper } from "../core/make-items.js";
import { episodeSchema, paperSchema } from "../core/schemas.js";
import { encodeData } from "./encode-data.js";
import { parseLibraryFile } from "./parse-file.js";
import { serializeEpisode, serializePaper } from "./serialize.js";

describe("encodeData", () => {
  it("writes keys in the schema's order, whatever order the model object has", () => {
    const paper = { notes: "n", covered: true, year: 2015, short: "ResNet" };
    expect(Object.keys(encodeData(paperSchema, paper) as object)).toEqual([
      "short",
      "year",
      "covered",
    ]);
  });

  it("encodes codecs (seconds → H:MM:SS) and leaves out model-only keys and false flags", () => {
    const episode = makeEpisode({ courseId: "limu", number: 7, title: "T", runtime: 5225 });
    expect(encodeData(episodeSchema, episode)).toEqual({
      number: 7,
      title: "T",
      runtime: "1:27:05",
      videos: [],
      papers: [],
    });
    expect(encodeData(paperSchema, makePaper({ id: "x", covered: false }))).not.toHaveProperty(
      "covered",
    );
  });

  it("gives files that parse back to the same item", () => {
    const episode = makeEpisode({ courseId: "limu", number: 2, runtime: 399, notes: "笔记" });
    const parsed = parseLibraryFile("courses/limu/episodes/002.md", serializeEpisode(episode));
    expect(parsed?.kind === "episode" && parsed.episode).toMatchObject({ ...episode, at: {} });
    const paper = makePaper({ id: "gpt-2", short: "GPT-2", year: 2019, covered: true });
    const back = parseLibraryFile("papers/gpt-2.md", serializePaper(paper));
    expect(back?.kind === "paper" && { ...back.paper, at: undefined }).toEqual(paper);
  });
});
