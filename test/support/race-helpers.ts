/**
 * Helpers of the race tests: one JSON request to the app with its token, and a child process
 * whose stdout lines can be awaited.
 */
import { type ChildProcess, spawn } from "node:child_process";

export { apiRequest, type Reply } from "./http-request.js";

export interface LineChild {
  child: ChildProcess;
  /** Every line it printed so far. */
  lines: string[];
  /** Resolves when it prints `line` (rejects if it exits first). */
  wait(line: string): Promise<void>;
  exited: Promise<number | null>;
}

/** Runs `node --import tsx SCRIPT ARGS` with piped stdio. */
export function startLineChild(script: string, args: string[], cwd: string): LineChild {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiters: { line: string; done: () => void }[] = [];
  let buffered = "";
  let stderr = "";
  child.stderr?.on("data", (c) => {
    stderr += String(c);
  });
  child.stdout?.on("data", (c) => {
    buffered += String(c);
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((x) => x.line === line)) w.done();
    }
  });
  const exited = new Promise<number | null>((done) =>
    child.on("exit", (code) => {
      if (code !== 0 && code !== null) console.error(stderr);
      done(code);
    }),
  );
  return {
    child,
    lines,
    exited,
    wait: (line) =>
      lines.includes(line)
        ? Promise.resolve()
        : new Promise<void>((done, fail) => {
            waiters.push({ line, done });
            void exited.then(() => fail(new Error(`child exited before "${line}": ${stderr}`)));
          }),
  };
}
