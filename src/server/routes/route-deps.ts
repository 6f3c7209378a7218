import type { LibraryHost } from "../library-host.js";
import type { PageRenderer } from "../page-renderer.js";

/** What an adder did: its title when it added, or the file of the entry the library had already. */
export type Added = string | { what: string; existing: string };

/** Adds papers and courses through the metadata sources; absent → the add forms say so. */
export interface Adders {
  /** Adds a paper; returns what to call it in the answer (its title). */
  paper(input: string): Promise<Added>;
  /** Adds a course; returns its title. */
  course(input: string): Promise<Added>;
}

/** What every group of routes is given. */
export interface RouteDeps {
  library: LibraryHost;
  pages: PageRenderer;
  adders?: Adders;
}
