import type { SourcesSettings, Transport } from "../sources/index.js";
import type { Output } from "./output.js";

/**
 * Everything a command may take from the outside world; only main.ts reads process.* and builds
 * one from it. Tests build their own (test/support/run-cli.ts) and run commands in-process, so a
 * command must take env, cwd, the terminal and the stop request from here, never from `process`.
 */
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
  /**
   * The terminal the user types into, present only when stdin and stdout are one (main.ts); the
   * interactive `review` prompts there. Absent: no prompts, the command prints and returns.
   */
  terminal?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
  /**
   * Calls `stop` once when the user asks a long-running command (`build --watch`) to stop
   * (Ctrl-C, SIGTERM in main.ts); returns a function that stops listening. Absent: nothing will
   * ask, and such a command refuses to start rather than run forever.
   */
  onInterrupt?: (stop: () => void) => () => void;
}

/** See `CliContext.sourcesPlatform`. */
export interface SourcesPlatform {
  /** How the source clients send requests (default: the node:http transport). */
  transport?: Transport;
  /** The fetch the Zotero import uses (default: the global one). */
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  adjust?: (settings: SourcesSettings) => void;
}
