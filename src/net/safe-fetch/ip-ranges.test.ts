import { describe, expect, it } from "vitest";
import { classifyAddress, parseIPv6 } from "./ip-ranges.js";

const hostOf = (url: string) => new URL(url).hostname.replace(/^\[|\]$/g, "");

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.1.2", "loopback"],
    ["0.0.0.0", "this network"],
    ["10.0.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "shared address space (CGNAT)"],
    ["169.254.169.254", "link-local"],
    ["192.0.2.7", "documentation (TEST-NET-1)"],
    ["198.19.0.1", "benchmarking"],
    ["224.0.0.251", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["fd12:3456::1", "unique local"],
    ["fe80::1", "link-local"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "documentation"],
    ["64:ff9b::a00:1", "NAT64"],
  ])("%s is %s", (address, name) => {
    const c = classifyAddress(address);
    expect(c.public).toBe(false);
    expect(c.public ? "" : c.name).toBe(name);
  });

  it("looks inside IPv4-mapped and 6to4 addresses", () => {
    const mapped = classifyAddress("::ffff:7f00:1");
    expect(mapped.public ? "" : mapped.name).toBe("loopback (IPv4-mapped)");
    expect(classifyAddress("::ffff:10.1.2.3").public).toBe(false);
    expect(classifyAddress("::ffff:93.184.216.34").public).toBe(true);
    expect(classifyAddress("2002:c0a8:101::1").public).toBe(false);
    expect(classifyAddress("2002:5db8:d822::1").public).toBe(true);
  });

  it("classifies the forms the URL parser normalises (decimal, octal, hex, short)", () => {
    for (const url of [
      "http://2130706433/",
      "http://0177.0.0.1/",
      "http://0x7f.0.0.1/",
      "http://0x7f000001/",
      "http://127.1/",
      "http://017700000001/",
      "http://[::ffff:127.0.0.1]/",
      "http://[0:0:0:0:0:ffff:7f00:1]/",
    ]) {
      const c = classifyAddress(hostOf(url));
      expect(c.public ? `${url} public` : c.name).toMatch(/loopback/);
    }
  });

  it("calls public addresses public and anything unparsable not public", () => {
    expect(classifyAddress("93.184.216.34").public).toBe(true);
    expect(classifyAddress("2606:4700::6810:85e5").public).toBe(true);
    expect(classifyAddress("example.com").public).toBe(false);
    expect(classifyAddress("1.2.3").public).toBe(false);
  });

  it("parses IPv6 spellings to the same bytes", () => {
    expect(parseIPv6("::ffff:127.0.0.1")).toEqual(parseIPv6("0:0:0:0:0:ffff:7f00:0001"));
    expect(parseIPv6("1::2::3")).toBeUndefined();
    expect(parseIPv6("1:2:3:4:5:6:7")).toBeUndefined();
  });
});
