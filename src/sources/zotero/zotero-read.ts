/**
 * What an import reads from Zotero: the collections, and the top-level items with all their
 * children — every item on a first run, and on a later one (`since` = the version the last run
 * saw) only the items that changed, each with its whole set of children again (a paper's file is
 * written whole, so an unchanged note must not go missing because only its sibling changed).
 */
import { fileURLToPath } from "node:url";
import type { ZoteroClient } from "./zotero-client.js";
import type { ZoteroCollection, ZoteroItem } from "./zotero-schema.js";

/** A top-level item with its child notes and attachments. */
export interface ZoteroEntry {
  item: ZoteroItem;
  children: ZoteroItem[];
}

/** An item that was read and became no paper, with the reason. */
export interface ZoteroLeft {
  key: string;
  itemType: string;
  title?: string;
  why: string;
}

export interface ZoteroRead {
  /** The library's version when the read began (`Last-Modified-Version`): the next `since`. */
  version: number | undefined;
  since: number | undefined;
  collections: ZoteroCollection[];
  entries: ZoteroEntry[];
  /** Items Zotero listed (all of them on a first run, the changed ones after). */
  listed: number;
  left: ZoteroLeft[];
  /** Attachment key → the file's path on disk. */
  files: Map<string, string>;
  /** Keys of items deleted in Zotero since the last run (a later run only). */
  deleted: string[];
}

/** Item types that are no work of their own. */
const CHILD_TYPES = new Set(["note", "attachment", "annotation"]);
const FILE_MODES = new Set(["imported_file", "imported_url", "linked_file"]);

const isTrashed = (item: ZoteroItem) => Boolean(item.data.deleted);

function leftOf(item: ZoteroItem, why: string): ZoteroLeft {
  const title = item.data.title;
  return { key: item.key, itemType: item.data.itemType, ...(title ? { title } : {}), why };
}

/** The path of a `file://` URL, or undefined for any other. */
function pathOfFileUrl(url: string | undefined): string | undefined {
  if (!url?.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(url);
  } catch {
    // A file URL of another machine (file://host/…) names no file here.
    return undefined;
  }
}

/**
 * Where an attachment's file is: the local API's `file://` enclosure, a linked file's own path,
 * else Zotero's `/file/view/url` answer.
 */
async function filePath(client: ZoteroClient, att: ZoteroItem): Promise<string | undefined> {
  const fromEnclosure = pathOfFileUrl(att.links?.enclosure?.href);
  if (fromEnclosure) return fromEnclosure;
  const own = att.data.path;
  if (att.data.linkMode === "linked_file" && own && own.startsWith("/")) return own;
  return pathOfFileUrl(await client.fileUrl(att.key));
}

/**
 * Reads the library (all of it, or what changed after `since`).
 * @example const read = await readZoteroLibrary(client, { since: manifest.version })
 */
export async function readZoteroLibrary(
  client: ZoteroClient,
  opts: { since?: number; collections?: ZoteroCollection[] } = {},
): Promise<ZoteroRead> {
  const collections = opts.collections ?? (await client.collections()).values;
  const page = await client.items(opts.since === undefined ? {} : { since: opts.since });
  const read: ZoteroRead = {
    version: page.version,
    since: opts.since,
    collections,
    entries: [],
    listed: page.values.length,
    left: [],
    files: new Map(),
    deleted:
      opts.since === undefined || page.version === opts.since
        ? []
        : ((await client.deletedItems(opts.since)) ?? []),
  };
  const byKey = new Map(page.values.map((i) => [i.key, i]));
  const childrenOf = new Map<string, ZoteroItem[]>();
  const tops = new Set<string>();
  for (const item of page.values) {
    const parent = item.data.parentItem;
    if (parent) {
      if (item.data.itemType === "annotation") {
        read.left.push(
          leftOf(item, "an annotation in an attachment (highlights are not imported)"),
        );
        continue;
      }
      const list = childrenOf.get(parent) ?? [];
      list.push(item);
      childrenOf.set(parent, list);
      if (opts.since !== undefined) tops.add(parent);
    } else if (CHILD_TYPES.has(item.data.itemType)) {
      read.left.push(leftOf(item, `a standalone ${item.data.itemType}, not attached to an item`));
    } else tops.add(item.key);
  }
  for (const key of tops) {
    const item = byKey.get(key) ?? (await client.item(key));
    if (!item) continue; // a child whose parent is gone: nothing to write it into
    if (isTrashed(item)) {
      read.left.push(leftOf(item, "in Zotero's trash"));
      continue;
    }
    // A later run asks for the whole family of a changed item; the first has it already.
    const all = opts.since === undefined ? (childrenOf.get(key) ?? []) : await client.children(key);
    const children: ZoteroItem[] = [];
    for (const child of all) {
      if (child.data.itemType === "annotation") continue;
      if (isTrashed(child)) {
        read.left.push(leftOf(child, "in Zotero's trash"));
        continue;
      }
      children.push(child);
      if (child.data.itemType === "attachment" && FILE_MODES.has(child.data.linkMode ?? "")) {
        const path = await filePath(client, child);
        if (path) read.files.set(child.key, path);
        else read.left.push(leftOf(child, "an attachment whose file is not on this computer"));
      }
    }
    read.entries.push({ item, children });
  }
  return read;
}
