/**
 * Items with every field the schemas give a default for: one way to build a paper, course,
 * episode or library in code (importers, sources, tests), so a field added to a schema with a
 * default needs no edit where items are made. Loads zod (through schemas.ts), so it is not
 * re-exported by `core/index.ts`.
 */
import type { Course, Episode, Library, Paper } from "./model.js";
import { courseSchema, episodeSchema, paperSchema, settingsSchema } from "./schemas.js";

/**
 * A paper: the schema's defaults, `short` defaulting to the id, no notes, then `fields`.
 * @example makePaper({ id: "resnet", year: 2015 }) // { id: "resnet", short: "resnet", authors: [], …, year: 2015, notes: "" }
 */
export function makePaper(fields: Partial<Paper> & { id: string }): Paper {
  const { id: _declared, ...defaults } = paperSchema.parse({ short: fields.short || fields.id });
  return { ...defaults, notes: "", ...fields };
}

/** A course: the schema's defaults (manual source, no tags or links), `title` the id, no episodes. */
export function makeCourse(fields: Partial<Course> & { id: string }): Course {
  const { id: _declared, ...defaults } = courseSchema.parse({ title: fields.title ?? fields.id });
  return { ...defaults, notes: "", episodes: [], ...fields };
}

/** An episode of `courseId`: the schema's defaults (no videos, no papers), `title` `#N`. */
export function makeEpisode(
  fields: Partial<Episode> & { courseId: string; number: number },
): Episode {
  const defaults = episodeSchema.parse({
    number: fields.number,
    title: fields.title ?? `#${fields.number}`,
  });
  return { ...defaults, notes: "", ...fields };
}

/** A library: the settings' defaults (titled `test`), nothing in it unless given. */
export function makeLibrary(fields: Partial<Library> = {}): Library {
  return {
    settings: settingsSchema.parse({ title: "test" }),
    categories: [],
    papers: [],
    courses: [],
    progress: { episodes: {}, papers: {} },
    references: [],
    ...fields,
  };
}
