#!/usr/bin/env node
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Output } from "./output.js";
import { runCli } from "./run-cli.js";

// `jingdu status | head`: when the reader closes the pipe, stop quietly like other Unix tools.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

const output: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  tty: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  progress: (line) => process.stderr.write(line === undefined ? "\n" : `\r${line}`),
};

const code = await runCli(process.argv.slice(2), {
  output,
  cwd: process.cwd(),
  env: process.env,
  now: () => new Date(),
  packageRoot,
  ...(process.stdin.isTTY && process.stdout.isTTY
    ? { terminal: { input: process.stdin, output: process.stdout } }
    : {}),
  // Listeners only while a command asks: until then Ctrl-C ends the process as usual.
  onInterrupt: (stop) => {
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    };
  },
});
process.exitCode = code;
