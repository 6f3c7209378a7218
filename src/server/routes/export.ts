import { Hono } from "hono";
import { JingduError } from "../../core/index.js";
import type { RouteDeps } from "./route-deps.js";

/** The format a file name's extension asks for when `?format=` does not say. */
const BY_EXTENSION: Record<string, string> = { bib: "bibtex", json: "csl-json", ris: "ris" };

/**
 * A category's papers as a bibliography, for the export links app.js puts on each category page:
 * `GET /export/<category>.bib` (BibTeX), `.json` (CSL-JSON), `.ris`, or any with
 * `?format=bibtex|biblatex|csl-json|ris`. The same `exportBibliography` `jingdu export
 * --category` calls, over the library the app serves; a download named after the category.
 * App only: the static site has no server to ask, and `jingdu export` writes the same file.
 */
export function exportRoutes({ library }: RouteDeps): Hono {
  const app = new Hono();
  app.get("/export/:file", async (c) => {
    const file = c.req.param("file");
    const dot = file.lastIndexOf(".");
    const category = dot > 0 ? file.slice(0, dot) : file;
    const format = c.req.query("format") ?? BY_EXTENSION[file.slice(dot + 1)] ?? "bibtex";
    // The formats' door loads every reader and writer: at the first export, not the first page.
    const { EXPORT_FORMATS, exportBibliography, isExportFormat } = await import(
      "../../formats/index.js"
    );
    if (!isExportFormat(format)) {
      throw new JingduError("export-format-unknown", `format ${format}: no such format`, {
        hint: `Known formats: ${Object.keys(EXPORT_FORMATS).join(", ")}.`,
      });
    }
    const result = exportBibliography(library.state().library, { format, category });
    if (!result) {
      throw new JingduError("export-category-unknown", `${category}: no such category`, {
        hint: "Each category page links its own export.",
      });
    }
    const name = `${category}.${result.extension}`;
    const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
    return c.body(result.text, 200, {
      "content-type": result.mediaType,
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "cache-control": "no-store",
    });
  });
  return app;
}
