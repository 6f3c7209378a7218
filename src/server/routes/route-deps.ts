import type { Resolver } from "../../workspace/index.js";
import type { LibraryHost } from "../library-host.js";
import type { PageRenderer } from "../page-renderer.js";

/** What an adder did: its title when it added, or the file of the entry the library had already. */
export type Added =
  | string
  | { what: string; existing: string }
  /** A title match not certain enough to add without asking: the page offers it (`accept`). */
  | { uncertain: string };

/** What the add page's form says besides the input. */
export interface AddChoices {
  /** A category id of the library to put the paper in. */
  category?: string;
  /** Add the best title match even when it is not certain (the page's “add it anyway”). */
  acceptUncertain?: boolean;
}

/** Adds papers and courses through the metadata sources; absent → the add forms say so. */
export interface Adders {
  /** Adds a paper; returns what to call it in the answer (its title). */
  paper(input: string, choices?: AddChoices): Promise<Added>;
  /** Adds a course; returns its title. */
  course(input: string): Promise<Added>;
}

/**
 * Gives name-only papers their ids through the metadata sources (workspace `createResolver`,
 * like `jingdu resolve`); absent → the resolve page says the sources are unavailable.
 */
export type { Resolver } from "../../workspace/index.js";

/** What every group of routes is given. */
export interface RouteDeps {
  library: LibraryHost;
  pages: PageRenderer;
  adders?: Adders;
  resolver?: Resolver;
}
