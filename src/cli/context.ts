import type { Output } from "./output.js";

/** Everything a command may take from the outside world; only main.ts reads process.*. */
export interface CliContext {
  output: Output;
  cwd: string;
  env: Record<string, string | undefined>;
  now: () => Date;
  /** The project folder (where templates/ lives). */
  packageRoot: string;
}
