/**
 * The parts of Zotero's API JSON (web API v3; the desktop's local API answers in the same format)
 * that the import reads, checked at the edge. Loose objects: Zotero adds fields per item type and
 * release, and an unknown field is no reason to refuse a library.
 */
import { z } from "zod";

const text = z.string().optional();

const creatorSchema = z.looseObject({
  creatorType: text,
  firstName: text,
  lastName: text,
  /** A single-field name (an institution). */
  name: text,
});

const tagSchema = z.looseObject({ tag: z.string(), type: z.number().optional() });

/** `data` of an item: a paper-like item, a child note, a child attachment or an annotation. */
export const zoteroItemDataSchema = z.looseObject({
  key: z.string(),
  version: z.number().optional(),
  itemType: z.string(),
  parentItem: text,
  title: text,
  shortTitle: text,
  creators: z.array(creatorSchema).default([]),
  date: text,
  DOI: text,
  url: text,
  abstractNote: text,
  publicationTitle: text,
  proceedingsTitle: text,
  conferenceName: text,
  bookTitle: text,
  /** `arXiv:2106.15928` on preprints (Zotero 7). */
  archiveID: text,
  /** Zotero 7's own field; Better BibTeX wrote `Citation Key: …` into `extra` before. */
  citationKey: text,
  extra: text,
  tags: z.array(tagSchema).default([]),
  collections: z.array(z.string()).default([]),
  /** A note's HTML. */
  note: text,
  linkMode: text,
  contentType: text,
  filename: text,
  /** A linked file's path (absolute, or `attachments:…` under the linked-attachment base). */
  path: text,
  /** In the trash (`1` or `true`). */
  deleted: z.union([z.boolean(), z.number()]).optional(),
});

const linkSchema = z.looseObject({ href: z.string(), type: text, title: text });

export const zoteroItemSchema = z.looseObject({
  key: z.string(),
  version: z.number(),
  links: z.looseObject({ enclosure: linkSchema.optional() }).optional(),
  meta: z.looseObject({ parsedDate: text }).optional(),
  data: zoteroItemDataSchema,
});

export const zoteroItemsSchema = z.array(zoteroItemSchema);

export const zoteroCollectionSchema = z.looseObject({
  key: z.string(),
  version: z.number(),
  data: z.looseObject({
    key: z.string(),
    name: z.string(),
    /** The parent's key, or `false` at the top. */
    parentCollection: z.union([z.string(), z.literal(false)]).optional(),
  }),
});

export const zoteroCollectionsSchema = z.array(zoteroCollectionSchema);

/** `/deleted?since=`: the keys of what was deleted after that version (web API v3, syncing). */
export const deletedSchema = z.looseObject({ items: z.array(z.string()).default([]) });

export type ZoteroItem = z.output<typeof zoteroItemSchema>;
export type ZoteroItemData = ZoteroItem["data"];
export type ZoteroCollection = z.output<typeof zoteroCollectionSchema>;
