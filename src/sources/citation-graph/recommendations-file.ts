/**
 * `metadata/s2-recommendations.jsonl` on disk (format: src/core/s2-recommendations.ts): reading
 * it for any layer (`readRecommendations`, on the light door) and writing it whole through the
 * one library writer (`refreshRecommendations`).
 */
import { join } from "node:path";
import { readRegularFile, updateLibraryFile } from "../../base/index.js";
import {
  type Diagnostic,
  notRegularDiagnostic,
  parseRecommendations,
  RECOMMENDATIONS_FILE,
  type StoredRecommendations,
  serializeRecommendations,
} from "../../core/index.js";

/**
 * The stored recommendations, if any, and the file's unreadable lines as diagnostics (file and
 * line). No file: nothing and no problem.
 * @example const { stored } = await readRecommendations(root)
 */
export async function readRecommendations(
  root: string,
): Promise<{ stored?: StoredRecommendations; problems: Diagnostic[] }> {
  const read = await readRegularFile(join(root, RECOMMENDATIONS_FILE));
  if ("missing" in read) return { problems: [] };
  if ("notRegular" in read)
    return { problems: [notRegularDiagnostic(RECOMMENDATIONS_FILE, read.notRegular)] };
  const { stored, problems } = parseRecommendations(read.text);
  return {
    ...(stored ? { stored } : {}),
    problems: problems.map((p) => ({
      level: "warning",
      rule: "recommendations-line-invalid",
      message: `unreadable recommendations line: ${p.message}`,
      file: RECOMMENDATIONS_FILE,
      line: p.line,
      hint: "Delete the file or the line: `jingdu refresh --graph` asks Semantic Scholar again.",
    })),
  };
}

/** Replaces the file with `stored` (atomically, under its lock). */
export async function writeRecommendations(
  root: string,
  stored: StoredRecommendations,
): Promise<void> {
  const content = serializeRecommendations(stored);
  await updateLibraryFile(join(root, RECOMMENDATIONS_FILE), ({ bytes }) =>
    bytes !== null && bytes.toString("utf8") === content ? {} : { content },
  );
}
