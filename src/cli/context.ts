import type { SourcesSettings } from "../sources/index.js";
import type { Output } from "./output.js";

/** Everything a command may take from the outside world; only main.ts reads process.*. */
export interface CliContext {
  output: Output;
  cwd: string;
  env: Record<string, string | undefined>;
  now: () => Date;
  /** The project folder (where templates/ lives). */
  packageRoot: string;
  /**
   * The platform the source clients use (fetch, clock, sleep) and a last word on their settings;
   * absent in the real CLI. Tests pass short gaps and timeouts here instead of sleeping the
   * documented seconds.
   */
  sourcesPlatform?: SourcesPlatform;
}

/** See `CliContext.sourcesPlatform`. */
export interface SourcesPlatform {
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  adjust?: (settings: SourcesSettings) => void;
}
