import { rm } from "node:fs/promises";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { richLibrary, writeTempLibrary } from "../../test/fixtures/libraries/sample-libraries.js";
import { searchDocument } from "../core/index.js";
import { INDEX_FILE, openIndex } from "./index-db.js";
import { INDEX_SCHEMA, indexSchemaVersion } from "./index-schema.js";
import { libraryFiles } from "./serialize.js";

describe("the index's version", () => {
  it("is derived from the tables and the search document's definition", () => {
    const version = indexSchemaVersion([INDEX_SCHEMA, String(searchDocument)]);
    expect(version).toBe(indexSchemaVersion([INDEX_SCHEMA, String(searchDocument)]));
    expect(version).toBeGreaterThan(0);
    expect(version).toBeLessThan(2 ** 31);
    // A field searched in another part, or a column more, is another version.
    const moved = String(searchDocument).replace("p.venue", "p.title");
    expect(moved).not.toBe(String(searchDocument));
    expect(indexSchemaVersion([INDEX_SCHEMA, moved])).not.toBe(version);
    expect(indexSchemaVersion([`${INDEX_SCHEMA} `, String(searchDocument)])).not.toBe(version);
  });

  it("is kept by an index made by this code, so reopening does not rebuild it", async () => {
    const root = await writeTempLibrary(libraryFiles(richLibrary()));
    try {
      const first = openIndex(root, { racyMs: 0 });
      await first.refresh();
      first.close();
      const raw = new Database(join(root, INDEX_FILE));
      const stored = raw.pragma("user_version", { simple: true });
      raw.close();
      expect(stored).not.toBe(0);
      const again = openIndex(root, { racyMs: 0 });
      expect(again.notices).toEqual([]);
      expect((await again.refresh()).read).toBe(0);
      again.close();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
