/**
 * What a line of `snapshots/index.jsonl` must be to be used: the readers (the site, the web app,
 * `jingdu snapshot`) skip a line that is not, and `jingdu doctor` reports it with file:line. The
 * object paths must be where the store puts objects (`snapshots/objects/ab/<sha-256>.ext`), so a
 * hand-edited `path: ../../secret` is never read or served.
 */
import { z } from "zod";

const OBJECT_PATH = /^snapshots\/objects\/[0-9a-f]{2}\/[0-9a-f]{64}\.[a-z0-9]{1,8}$/;
const hash = z.string().regex(/^[0-9a-f]{64}$/, { message: "not a SHA-256 in hex" });
const objectPathText = z
  .string()
  .regex(OBJECT_PATH, { message: "not a path under snapshots/objects/" });

const entrySchema = z.object({
  url: z.string().min(1),
  hash,
  path: objectPathText,
  fetchedAt: z.string(),
  checkedAt: z.string(),
  finalUrl: z.string(),
  status: z.number(),
  title: z.string().optional(),
  contentType: z.string(),
  bytes: z.number(),
  assets: z.number().optional(),
  missingAssets: z.number().optional(),
  origin: z.object({ archived: z.string().optional(), origin: z.string().optional() }).optional(),
  history: z.array(z.object({ hash, path: objectPathText, fetchedAt: z.string() })).optional(),
});

/** What is wrong with a parsed index line (`path: not a path under snapshots/objects/`), or undefined. */
export function snapshotEntryProblem(value: unknown): string | undefined {
  const result = entrySchema.safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue?.message ?? "invalid"}`;
}
