/**
 * One line of `metadata/<source>.jsonl`, checked at the edge: a hand-edited or damaged line is
 * reported (`metadata-line-invalid`, file:line) and skipped wherever the file is read — `doctor`,
 * `refresh`, `build`, the web app — so nothing downstream meets a `values: null`.
 */
import { z } from "zod";
import type { FetchedRecord } from "./fetched-metadata.js";

const isoTime = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: "not a date and time" });

const recordSchema = z.object({
  key: z.string().regex(/^(paper|video):\S+$/, { message: "not `paper:<id>` or `video:<BVID>`" }),
  source: z.string(),
  query: z.string(),
  fetchedAt: isoTime,
  status: z.enum(["ok", "not-found"]).default("ok"),
  valuesAt: isoTime.optional(),
  values: z.record(z.string(), z.unknown()),
  history: z.record(z.string(), z.array(z.tuple([z.string(), z.number()]))).default({}),
});

/** A record, or what is wrong with the line (`values: expected record, received null`). */
export function parseMetadataLine(
  line: string,
): { record: FetchedRecord; problem?: undefined } | { record?: undefined; problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { problem: `not JSON (${(err as Error).message})` };
  }
  const result = recordSchema.safeParse(value);
  if (result.success) return { record: result.data as FetchedRecord };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return { problem: `${where}${issue?.message ?? "invalid"}` };
}
