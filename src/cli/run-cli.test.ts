import { Command } from "commander";
import { describe, expect, it } from "vitest";
import type { CliContext } from "./context.js";
import { COMMAND_MODULES, runCli } from "./run-cli.js";

const ctx = (lines: string[]): CliContext => ({
  output: { out: (s) => lines.push(s), err: (s) => lines.push(s), tty: false },
  cwd: "/nonexistent",
  env: {},
  now: () => new Date("2024-07-10T00:00:00Z"),
  packageRoot: "/nonexistent",
});

describe("runCli's command table", () => {
  it("names exactly the commands each module registers", async () => {
    const all: string[] = [];
    for (const [names, load] of COMMAND_MODULES) {
      const program = new Command("jingdu");
      (await load())(program, ctx([]), () => {});
      const registered = program.commands.map((c) => c.name());
      expect(registered.sort()).toEqual([...names].sort());
      all.push(...registered);
    }
    expect(new Set(all).size).toBe(all.length);
  });

  it("lists every command in the help, with or without a command word", async () => {
    const lines: string[] = [];
    expect(await runCli(["--help"], ctx(lines))).toBe(0);
    const help = lines.join("\n");
    for (const [names] of COMMAND_MODULES) for (const name of names) expect(help).toContain(name);
    const serveHelp: string[] = [];
    expect(await runCli(["--library", "x", "serve", "--help"], ctx(serveHelp))).toBe(0);
    expect(serveHelp.join("\n")).toContain("--port");
  });

  it("suggests a command for a misspelt one (all commands are loaded then)", async () => {
    const lines: string[] = [];
    expect(await runCli(["stauts"], ctx(lines))).not.toBe(0);
    expect(lines.join("\n")).toMatch(/status/);
  });
});
