import type { LibraryHost } from "../library-host.js";
import type { PageRenderer } from "../page-renderer.js";

/** Adds papers and courses through the metadata sources; absent → the add forms say so. */
export interface Adders {
  /** Adds a paper; returns what to call it in the answer (its title). */
  paper(input: string): Promise<string>;
  /** Adds a course; returns its title. */
  course(input: string): Promise<string>;
}

/** What every group of routes is given. */
export interface RouteDeps {
  library: LibraryHost;
  pages: PageRenderer;
  adders?: Adders;
}
