/**
 * User-facing errors: one catalogue with stable names, a message and a hint.
 * The CLI prints `message` and `hint` without a stack; `--debug` shows the rest.
 */

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  notALibrary: 3,
  problemsFound: 4,
  conflict: 5,
  invalidInput: 6,
  /** `refresh` / `add`: something was due and nothing could be fetched (every item failed). */
  fetchFailed: 7,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class JingduError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;
  constructor(
    code: string,
    message: string,
    opts: { hint?: string; exitCode?: ExitCode; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "JingduError";
    this.code = code;
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? EXIT.failure;
  }
}

/** A file could not be parsed at all. */
export class ParseError extends JingduError {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, message: string, hint?: string) {
    super("parse-error", `${file}${line > 0 ? `:${line}` : ""}: ${message}`, {
      ...(hint === undefined ? {} : { hint }),
      exitCode: EXIT.invalidInput,
    });
    this.name = "ParseError";
    this.file = file;
    this.line = line;
  }
}

/** A write was refused because the file changed on disk since it was read. */
export class ConflictError extends JingduError {
  readonly file: string;
  constructor(file: string) {
    super("write-conflict", `${file} changed on disk since it was read; not overwritten`, {
      hint: "Re-open the file to see both versions, then save again.",
      exitCode: EXIT.conflict,
    });
    this.name = "ConflictError";
    this.file = file;
  }
}

export function notALibrary(dir: string): JingduError {
  return new JingduError("not-a-library", `no jingdu library at ${dir} or any folder above it`, {
    hint: "Create one with `jingdu init DIR`, or point at one with --library DIR or JINGDU_LIBRARY.",
    exitCode: EXIT.notALibrary,
  });
}
