/**
 * The error hierarchy: everything jingdu throws on purpose is a `JingduError`, built from an
 * entry of the catalogue (error-catalogue.ts) that gives its exit code, HTTP status and default
 * hint. The CLI prints `message` and `hint` without a stack; `--debug` shows the rest.
 */
import {
  type CatalogueEntry,
  catalogueEntry,
  type ErrorCode,
  type ErrorStatus,
  EXIT,
  type ExitCode,
} from "./error-catalogue.js";

export interface JingduErrorOptions {
  /** This case's hint (naming its file, its setting); else the catalogue's. */
  hint?: string;
  cause?: unknown;
}

export class JingduError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  constructor(code: ErrorCode, message: string, opts: JingduErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "JingduError";
    this.code = code;
    this.hint = opts.hint ?? catalogueEntry(code).hint;
  }
  /** The catalogue's entry of this error's code. */
  get entry(): CatalogueEntry {
    return catalogueEntry(this.code);
  }
  /** What the CLI exits with (from the catalogue). */
  get exitCode(): ExitCode {
    return this.entry.exit;
  }
  /** What the web app answers with (from the catalogue). */
  get httpStatus(): ErrorStatus {
    return this.entry.status;
  }
}

/** A file could not be parsed at all. */
export class ParseError extends JingduError {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, message: string, hint?: string) {
    super(
      "parse-error",
      `${file}${line > 0 ? `:${line}` : ""}: ${message}`,
      hint === undefined ? {} : { hint },
    );
    this.name = "ParseError";
    this.file = file;
    this.line = line;
  }
}

/** A write was refused because the file changed on disk since it was read. */
export class ConflictError extends JingduError {
  readonly file: string;
  constructor(file: string) {
    super("write-conflict", `${file} changed on disk since it was read; not overwritten`);
    this.name = "ConflictError";
    this.file = file;
  }
}

export function notALibrary(dir: string): JingduError {
  return new JingduError("not-a-library", `no jingdu library at ${dir} or any folder above it`);
}

/** The exit code of anything thrown: a JingduError's from the catalogue, else a failure. */
export function exitCodeOf(error: unknown): ExitCode {
  return error instanceof JingduError ? error.exitCode : EXIT.failure;
}

/** True for a "no such file or folder" error (ENOENT) from node:fs. */
export function isMissingFile(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === "ENOENT";
}

/**
 * A `.catch` handler for reads where a missing file has a meaning (`value`) and any other failure
 * (no permission, a folder in the way) must not pass for one: it is thrown on.
 * @example const ignore = await readFile(".gitignore", "utf8").catch(missingAs(null))
 */
export function missingAs<T>(value: T): (error: unknown) => T {
  return (error) => {
    if (isMissingFile(error)) return value;
    throw error;
  };
}
