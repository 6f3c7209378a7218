import { appPaths } from "../app/index.js";
import type { LibraryState } from "./library-state.js";

/**
 * A category page's export links: [name, extension, format] of each format routes/export.ts
 * answers (formats/bibliography's EXPORT_FORMATS, written out here: the formats' door is loaded
 * at the first export, never for a page; create-app.test.ts asks each link).
 */
export const EXPORT_LINKS = [
  ["BibTeX", "bib", "bibtex"],
  ["BibLaTeX", "bib", "biblatex"],
  ["CSL-JSON", "json", "csl-json"],
  ["RIS", "ris", "ris"],
] as const;

/** The interface strings app.js needs (plain strings only), in the library's language. */
export function clientLabels(state: LibraryState): Record<string, unknown> {
  const t = state.ctx.t;
  const a = t.app;
  return {
    edit: a.edit,
    exportAs: a.exportAs,
    exportLinks: EXPORT_LINKS,
    saving: a.saving,
    saved: a.saved,
    unsaved: a.unsaved,
    changedOnDisk: a.changedOnDisk,
    reloadFailed: a.reloadFailed,
    progress: a.progress,
    position: a.position,
    positionPlaceholder: a.positionPlaceholder,
    passes: a.passes,
    pass: [a.pass(1), a.pass(2), a.pass(3)],
    add: a.add,
    addHref: appPaths.add,
    review: t.study.review,
    reviewHref: appPaths.review,
    next: t.next.nav,
    nextHref: appPaths.next,
    nextFor: t.next.forLink,
    markForReview: t.study.markForReview,
    marked: t.study.marked,
    failed: a.failed,
    noResults: t.search.noResults,
    status: t.status,
    daily: {
      passUndone: [1, 2, 3].map((n) => t.daily.passUndone(n)),
      passDone: [1, 2, 3].map((n) => t.daily.passDone(n)),
      undo: t.daily.undo,
      valueSave: t.daily.valueSave,
      valueFactors: t.daily.valueFactors,
      sectionsSave: t.daily.sectionsSave,
      leaveUnsaved: t.daily.leaveUnsaved,
      shortcutsTitle: t.daily.shortcutsTitle,
      close: t.daily.close,
      shortcuts: t.daily.shortcuts,
    },
    edits: editLabels(state),
  };
}

/** The editing controls' strings (edit.js); `{title}` stands for the item's title. */
function editLabels(state: LibraryState): Record<string, string> {
  const e = state.ctx.t.edits;
  const other = state.library.settings.language === "zh" ? "en" : "zh";
  return {
    editDetails: e.editDetails,
    delete: e.delete,
    confirmDelete: e.confirmDelete("{title}"),
    deleted: e.deleted("{title}"),
    detailsConflict: e.detailsConflict,
    categories: e.categoriesTitle,
    deletedTitle: e.deletedTitle,
    language: e.language,
    otherLanguage: other,
    otherLanguageName: other === "en" ? "English" : "中文",
  };
}

/** `2024-07-10 09:40` in local time. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
