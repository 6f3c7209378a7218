import { describe, expect, it } from "vitest";
import { isAllowedUrl, isWebUrl, urlPolicyViolation } from "./url-policy.js";

describe("the URL policy", () => {
  it.each([
    "https://arxiv.org/abs/1512.03385",
    "http://a",
    "HTTPS://A.EXAMPLE/",
    "mailto:a@b.c",
    "/papers/x/",
    "../x.pdf",
    "#fn1",
    "images/a:b.png",
    "//cdn.example/x",
    "https://a.example/?q=1&r=2",
    "https://a.example/&#x20;",
  ])("allows %j", (url) => expect(isAllowedUrl(url)).toBe(true));

  it.each([
    ["javascript:alert(1)", "javascript:"],
    ["JaVaScRiPt:alert(1)", "javascript:"],
    [" javascript:alert(1)", "javascript:"],
    ["\u0001javascript:alert(1)", "javascript:"],
    ["java\tscript:alert(1)", "javascript:"],
    ["java\nscript:alert(1)", "javascript:"],
    ["javascript&#58;alert(1)", "javascript:"],
    ["javascript&#x3A;alert(1)", "javascript:"],
    ["javascript&colon;alert(1)", "javascript:"],
    ["&#106;avascript:alert(1)", "javascript:"],
    ["jav&#x09;ascript:alert(1)", "javascript:"],
    ["vbscript:msgbox(1)", "vbscript:"],
    ["data:text/html,<script>alert(1)</script>", "data:text/html"],
    ["data:image/svg+xml,<svg onload=alert(1)>", "data:image/svg+xml"],
    ["file:///etc/passwd", "file:"],
    ["tel:1", "tel:"],
  ])("refuses %j as %s", (url, why) => {
    expect(isAllowedUrl(url)).toBe(false);
    expect(urlPolicyViolation(url)).toBe(why);
  });

  it("allows image data: URLs only for images", () => {
    const png = "data:image/png;base64,iVBORw0KGgo=";
    expect(isAllowedUrl(png)).toBe(false);
    expect(isAllowedUrl(png, { image: true })).toBe(true);
    expect(isAllowedUrl("data:image/svg+xml,x", { image: true })).toBe(false);
  });

  it("isWebUrl takes only absolute http(s) URLs, as an API link must be", () => {
    expect(isWebUrl("https://arxiv.org/pdf/1512.03385")).toBe(true);
    expect(isWebUrl("http://a.example/x.pdf")).toBe(true);
    for (const url of [
      "/x.pdf",
      "//a.example/x",
      "mailto:a@b.c",
      " https://a.example/",
      "javascript:alert(1)",
      "https://",
      "https:evil.example/x",
    ]) {
      expect(isWebUrl(url), url).toBe(false);
    }
  });
});
