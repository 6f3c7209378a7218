import type { Library } from "../../src/core/index.js";

/** `library` with one episode's note replaced: new objects on its path only, as a reload gives. */
export function withEpisodeNotes(library: Library, number: number, notes: string): Library {
  return {
    ...library,
    courses: library.courses.map((c) => ({
      ...c,
      episodes: c.episodes.map((e) => (e.number === number ? { ...e, notes } : e)),
    })),
  };
}

export function withPaperNotes(library: Library, id: string, notes: string): Library {
  return { ...library, papers: library.papers.map((p) => (p.id === id ? { ...p, notes } : p)) };
}
