/**
 * A `refresh --graph` in its own process, for the SIGKILL test:
 *   node --import tsx test/support/graph-refresh-child.ts <libraryRoot> <fakeServerUrl> <papers> <idsPerBatch>
 * Prints `result {…}` at the end.
 */
import {
  createSources,
  refreshCitationGraph,
  resolveSourcesSettings,
  SOURCE_NAMES,
} from "../../src/sources/index.js";
import { library, manyPapers } from "./library-builder.js";
import { fakeApiEnv, localOnlyFetch } from "./test-sources.js";

const [root, baseUrl, count, batch] = process.argv.slice(2);
if (!root || !baseUrl || !count || !batch)
  throw new Error("usage: graph-refresh-child ROOT URL PAPERS IDS_PER_BATCH");

const settings = resolveSourcesSettings({}, fakeApiEnv(baseUrl));
for (const s of SOURCE_NAMES) settings[s].rateLimit.minIntervalMs = 0;
const sources = createSources({ settings, fetch: localOnlyFetch });
const result = await refreshCitationGraph({
  library: library(manyPapers(Number(count))),
  libraryRoot: root,
  sources,
  maxBatchIds: Number(batch),
});
process.stdout.write(
  `result ${JSON.stringify({ summary: result.summary, resumed: result.resumed, requests: result.requests, pages: result.pages })}\n`,
);
