import { describe, expect, it } from "vitest";
import {
  SNAPSHOT_CSP,
  STATIC_SNAPSHOT_CSP,
  snapshotResponseHeaders,
  withStaticSnapshotCsp,
} from "./snapshot-store.js";

const META = `<meta http-equiv="Content-Security-Policy" content="${STATIC_SNAPSHOT_CSP}">`;

describe("the policies archived copies are served with", () => {
  it("puts the static copy's policy first in the head, or before the content without one", () => {
    expect(withStaticSnapshotCsp('<!doctype html><html><head lang="x"><title>t</title>')).toBe(
      `<!doctype html><html><head lang="x">${META}<title>t</title>`,
    );
    expect(withStaticSnapshotCsp("<!DOCTYPE html><p>x</p>")).toBe(`<!DOCTYPE html>${META}<p>x</p>`);
    expect(withStaticSnapshotCsp("<p>x</p>")).toBe(`${META}<p>x</p>`);
    expect(STATIC_SNAPSHOT_CSP).toContain("script-src 'none'");
  });

  it("sandboxes pages and lets their own images load from the opaque origin", () => {
    const page = snapshotResponseHeaders("ab/ab12.html");
    expect(page["content-security-policy"]).toBe(SNAPSHOT_CSP);
    expect(page["content-security-policy"]).toMatch(/^sandbox;/);
    expect(page["cross-origin-resource-policy"]).toBe("same-origin");
    const image = snapshotResponseHeaders("cd/cd34.png");
    expect(image["content-type"]).toBe("image/png");
    expect(image["cross-origin-resource-policy"]).toBe("cross-origin");
    expect(snapshotResponseHeaders("ef/ef56.pdf")["content-security-policy"]).not.toContain(
      "sandbox",
    );
  });
});
