#!/usr/bin/env node
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { processOutput } from "./output.js";
import { runCli } from "./run-cli.js";

// `jingdu status | head`: when the reader closes the pipe, stop quietly like other Unix tools.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

const code = await runCli(process.argv.slice(2), {
  output: processOutput,
  cwd: process.cwd(),
  env: process.env,
  now: () => new Date(),
  packageRoot,
});
process.exitCode = code;
