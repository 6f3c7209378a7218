/** A TypeScript child process for the SIGKILL tests: its output and how it ended. */
import { type ChildProcess, spawn } from "node:child_process";
import { REPO_ROOT } from "./fake-api-server.js";

export interface TsxChild {
  child: ChildProcess;
  /** How it ended: exit code or signal, and stdout followed by stderr. */
  done: Promise<{ code: number | null; signal: string | null; out: string }>;
}

/** Runs `node --import tsx SCRIPT ARGS` in the repository. */
export function runTsxChild(script: string, args: string[]): TsxChild {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const done = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, out: out + err })),
  );
  return { child, done };
}
