/**
 * Helpers of the race tests: one JSON request to the app with its token, and a child process
 * whose stdout lines can be awaited.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { request } from "node:http";

export interface Reply {
  status: number;
  body: string;
}

/** One request to the app on 127.0.0.1 with the token; `body` sent as JSON. */
export function apiRequest(
  port: number,
  token: string,
  path: string,
  method: string,
  body?: unknown,
): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method,
        headers: {
          host: `127.0.0.1:${port}`,
          "content-type": "application/json",
          "x-jingdu-token": token,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () => ok({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", fail);
    if (body !== undefined) req.write(JSON.stringify(body));
    req.end();
  });
}

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
