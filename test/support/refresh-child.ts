/**
 * A refresh in its own process, for the SIGKILL test:
 *   node --import tsx test/support/refresh-child.ts <libraryRoot> <fakeServerUrl> <papers> <batchSize>
 * Prints `progress N` per item and `result {…}` at the end.
 */
import {
  createSources,
  refreshLibrary,
  resolveSourcesSettings,
  SOURCE_NAMES,
} from "../../src/sources/index.js";
import { library, manyPapers } from "./library-builder.js";
import { localOnlyFetch } from "./test-sources.js";

const [root, baseUrl, count, batch] = process.argv.slice(2);
if (!root || !baseUrl || !count || !batch)
  throw new Error("usage: refresh-child ROOT URL PAPERS BATCH");

const settings = resolveSourcesSettings(
  {},
  {
    JINGDU_S2_URL: `${baseUrl}/graph/v1`,
    JINGDU_ARXIV_URL: `${baseUrl}/api`,
    JINGDU_BILIBILI_URL: baseUrl,
  },
);
for (const s of SOURCE_NAMES) settings[s].rateLimit.minIntervalMs = 0;
const sources = createSources({ settings, fetch: localOnlyFetch });
const result = await refreshLibrary({
  library: library(manyPapers(Number(count))),
  libraryRoot: root,
  sources,
  s2BatchSize: Number(batch),
  onProgress: (p) => process.stdout.write(`progress ${p.done}\n`),
});
process.stdout.write(
  `result ${JSON.stringify({ summary: result.summary, resumed: result.resumed })}\n`,
);
