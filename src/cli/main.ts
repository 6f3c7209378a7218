#!/usr/bin/env node
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { processOutput } from "./output.js";
import { runCli } from "./run-cli.js";

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

const code = await runCli(process.argv.slice(2), {
  output: processOutput,
  cwd: process.cwd(),
  env: process.env,
  now: () => new Date(),
  packageRoot,
});
process.exitCode = code;
