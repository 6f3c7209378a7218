import { z } from "zod";

/** Request paths and ids are short; anything longer is not one of ours. */
const id = z.string().max(2000);
/** A note body: as long as its route's body cap allows (middleware/json-body.ts). */
const text = z.string();
/** An episode or pass number as app.js sends it (a number), or as a form would (digits). */
const wholeNumber = z.union(
  [
    z.number().int(),
    z
      .string()
      .regex(/^\d{1,9}$/)
      .transform(Number),
  ],
  { error: "expected a whole number" },
);

/**
 * What each API route accepts as its JSON body, checked at the edge (routes trust it inside).
 * Unknown keys are ignored, as before: a newer app.js may send more.
 */
export const REQUEST_SCHEMAS = {
  preview: z.object({ page: id, markdown: text }),
  saveNote: z.object({
    page: id,
    body: text,
    baseHash: z.string().max(128),
    convert: z.boolean().optional(),
  }),
  keepDraft: z.object({ page: id, body: text }),
  restore: z.object({ file: id, revision: z.string().max(200) }),
  progress: z.object({
    course: id,
    number: wholeNumber,
    status: z.enum(["todo", "watching", "done", "skipped"]),
    position: z.string().max(40).optional(),
  }),
  pass: z.object({
    paper: id,
    pass: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: "a pass is 1, 2 or 3" }),
  }),
  rate: z.object({ note: id, rating: z.enum(["again", "hard", "good", "easy"]) }),
  mark: z.object({ page: id }),
  add: z.object({
    input: z.string().max(2000),
    category: z.string().max(200).optional(),
    accept: z.boolean().optional(),
  }),
  undoPass: z.object({
    paper: id,
    pass: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: "a pass is 1, 2 or 3" }),
  }),
  resolve: z.object({ paper: id }),
  /** `s2Id: null`: none of the candidates is the paper. */
  choose: z.object({ paper: id, s2Id: z.string().max(200).nullable() }),
  sections: z.object({ paper: id, sections: z.array(z.string().max(100)).max(50) }),
  value: z.object({
    paper: id,
    novelty: z.int().min(1).max(5),
    effectiveness: z.int().min(1).max(5),
    problemSize: z.int().min(1).max(5),
  }),
  fields: z.object({
    page: id,
    baseHash: z.string().max(128),
    fields: z.object({
      short: z.string().max(500).optional(),
      title: z.string().max(2000).optional(),
      year: z.union([z.string().max(20), z.number(), z.null()]).optional(),
      venue: z.string().max(500).optional(),
      arxiv: z.string().max(200).optional(),
      doi: z.string().max(500).optional(),
      tags: z.array(z.string().max(200)).max(200).optional(),
      categories: z.array(z.string().max(200)).max(50).optional(),
    }),
  }),
  deleteItem: z.object({ page: id }),
  addCategory: z.object({ name: z.string().max(200), id: z.string().max(200).optional() }),
  renameCategory: z.object({ id: z.string().max(200), name: z.string().max(200) }),
  movePaper: z.object({
    paper: id,
    from: z.string().max(200).optional(),
    to: z.string().max(200),
  }),
  language: z.object({ language: z.string().max(10) }),
} as const;

export type RequestSchemas = typeof REQUEST_SCHEMAS;
export type RequestName = keyof RequestSchemas;
export type RequestBody<N extends RequestName> = z.output<RequestSchemas[N]>;

/** The first problem of a body that does not fit its schema, as one line (`number: expected…`). */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid request body";
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue.message}`;
}
