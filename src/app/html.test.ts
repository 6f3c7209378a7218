import { describe, expect, it } from "vitest";
import { BLOCKED_URL, html, raw } from "./html.js";

describe("html: URL attributes pass the URL policy", () => {
  it("writes a refused URL in href or src as # and keeps allowed ones, escaped", () => {
    const link = (url: string) => html`<a href="${url}" rel="noopener">${url}</a>`.value;
    expect(link("javascript:alert(1)")).toBe(
      `<a href="${BLOCKED_URL}" rel="noopener">javascript:alert(1)</a>`,
    );
    expect(link(" JaVa\tScRiPt:alert(1)")).toContain(`href="${BLOCKED_URL}"`);
    expect(link("data:text/html,<script>alert(1)</script>")).toContain(`href="${BLOCKED_URL}"`);
    expect(link('https://a.example/?q="x"&y')).toContain(
      'href="https://a.example/?q=&quot;x&quot;&amp;y"',
    );
    expect(link("/papers/resnet/")).toContain('href="/papers/resnet/"');
    expect(html`<img src="${"data:image/png;base64,iVBORw0KGgo="}">`.value).toContain(
      'src="data:image/png',
    );
    expect(html`<img alt="" src="${"javascript:alert(1)"}">`.value).toContain(
      `src="${BLOCKED_URL}"`,
    );
  });

  it("checks only a value that starts a quoted URL attribute; other text is only escaped", () => {
    expect(html`<p title="${"javascript:x"}">${"javascript:x"}</p>`.value).toBe(
      '<p title="javascript:x">javascript:x</p>',
    );
    expect(html`<a data-href="${"javascript:x"}">`.value).toBe('<a data-href="javascript:x">');
    // Trusted HTML built elsewhere (sanitized notes) is inserted as it is.
    expect(html`<a href="${raw("/x/")}">`.value).toBe('<a href="/x/">');
  });
});
