import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VIDEO_EMBED_ORIGINS } from "../render/index.js";
import { PAGE_CSP, PAGE_CSP_META } from "./content-security-policy.js";

describe("the pages' Content-Security-Policy", () => {
  it("frames exactly the players the sanitizer keeps, and no YouTube origin with cookies", () => {
    const frameSrc = /frame-src ([^;]+)/.exec(PAGE_CSP)?.[1]?.split(" ");
    expect(frameSrc).toEqual(VIDEO_EMBED_ORIGINS);
    expect(frameSrc).toEqual(["https://player.bilibili.com", "https://www.youtube-nocookie.com"]);
  });

  it("has no inline script and, as a meta element, no frame-ancestors (browsers ignore it there)", () => {
    expect(/script-src ([^;]+)/.exec(PAGE_CSP)?.[1]).toBe("'self'");
    expect(/object-src ([^;]+)/.exec(PAGE_CSP)?.[1]).toBe("'none'");
    expect(PAGE_CSP).toContain("frame-ancestors 'none'");
    expect(PAGE_CSP_META).toBe(PAGE_CSP.replace("; frame-ancestors 'none'", ""));
  });

  it("is the policy docs/snapshots.md gives for _headers, nginx and the meta element", () => {
    const doc = readFileSync(new URL("../../docs/snapshots.md", import.meta.url), "utf8");
    expect(doc).toContain(`Content-Security-Policy: ${PAGE_CSP}\n`);
    expect(doc).toContain(`add_header Content-Security-Policy "${PAGE_CSP}" always;`);
    expect(doc).toContain(`content="${PAGE_CSP_META}">`);
  });
});
