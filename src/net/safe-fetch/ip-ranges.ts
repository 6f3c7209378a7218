/**
 * IP address classification as data: every special-purpose range jingdu refuses to connect to
 * unless the user allows the host explicitly. Sources: IANA IPv4/IPv6 Special-Purpose Address
 * Registries (RFC 6890 and updates). Addresses are compared as bytes, so every textual form the
 * WHATWG URL parser accepts (decimal, octal, hex, short IPv4; any IPv6 spelling) ends up here
 * already normalised by `new URL()` and is classified the same way.
 */

export interface SpecialRange {
  cidr: string;
  name: string;
  /**
   * `block`: refuse. `embedded-v4`: the address carries an IPv4 address (IPv4-mapped, 6to4);
   * classify that IPv4 address instead.
   */
  action: "block" | "embedded-v4";
}

export const SPECIAL_RANGES: readonly SpecialRange[] = [
  { cidr: "0.0.0.0/8", name: "this network", action: "block" },
  { cidr: "10.0.0.0/8", name: "private", action: "block" },
  { cidr: "100.64.0.0/10", name: "shared address space (CGNAT)", action: "block" },
  { cidr: "127.0.0.0/8", name: "loopback", action: "block" },
  { cidr: "169.254.0.0/16", name: "link-local", action: "block" },
  { cidr: "172.16.0.0/12", name: "private", action: "block" },
  { cidr: "192.0.0.0/24", name: "IETF protocol assignments", action: "block" },
  { cidr: "192.0.2.0/24", name: "documentation (TEST-NET-1)", action: "block" },
  { cidr: "192.31.196.0/24", name: "AS112", action: "block" },
  { cidr: "192.52.193.0/24", name: "AMT", action: "block" },
  { cidr: "192.88.99.0/24", name: "6to4 relay anycast", action: "block" },
  { cidr: "192.168.0.0/16", name: "private", action: "block" },
  { cidr: "192.175.48.0/24", name: "AS112 direct delegation", action: "block" },
  { cidr: "198.18.0.0/15", name: "benchmarking", action: "block" },
  { cidr: "198.51.100.0/24", name: "documentation (TEST-NET-2)", action: "block" },
  { cidr: "203.0.113.0/24", name: "documentation (TEST-NET-3)", action: "block" },
  { cidr: "224.0.0.0/4", name: "multicast", action: "block" },
  { cidr: "240.0.0.0/4", name: "reserved", action: "block" },
  { cidr: "255.255.255.255/32", name: "broadcast", action: "block" },
  { cidr: "::/128", name: "unspecified", action: "block" },
  { cidr: "::1/128", name: "loopback", action: "block" },
  { cidr: "::ffff:0:0/96", name: "IPv4-mapped", action: "embedded-v4" },
  { cidr: "::/96", name: "IPv4-compatible (deprecated)", action: "block" },
  { cidr: "::ffff:0:0:0/96", name: "IPv4-translated", action: "block" },
  { cidr: "64:ff9b::/96", name: "NAT64", action: "block" },
  { cidr: "64:ff9b:1::/48", name: "local-use NAT64", action: "block" },
  { cidr: "100::/64", name: "discard-only", action: "block" },
  { cidr: "2001::/32", name: "Teredo", action: "block" },
  { cidr: "2001:2::/48", name: "benchmarking", action: "block" },
  { cidr: "2001:10::/28", name: "ORCHID", action: "block" },
  { cidr: "2001:20::/28", name: "ORCHIDv2", action: "block" },
  { cidr: "2001:db8::/32", name: "documentation", action: "block" },
  { cidr: "2002::/16", name: "6to4", action: "embedded-v4" },
  { cidr: "3fff::/20", name: "documentation", action: "block" },
  { cidr: "5f00::/16", name: "segment routing SIDs", action: "block" },
  { cidr: "fc00::/7", name: "unique local", action: "block" },
  { cidr: "fe80::/10", name: "link-local", action: "block" },
  { cidr: "fec0::/10", name: "site-local (deprecated)", action: "block" },
  { cidr: "ff00::/8", name: "multicast", action: "block" },
];

/** Parses a dotted-quad IPv4 address (the form `new URL()` normalises to) into 4 bytes. */
export function parseIPv4(text: string): Uint8Array | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i] ?? "";
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out[i] = n;
  }
  return out;
}

/** Parses an IPv6 address (no brackets, no zone) into 16 bytes; accepts an embedded IPv4 tail. */
export function parseIPv6(text: string): Uint8Array | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.length < 2) return undefined;
  let words: number[] = [];
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parseHalf = (half: string): number[] | undefined => {
    if (half === "") return [];
    const groups = half.split(":");
    const out: number[] = [];
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i] ?? "";
      if (i === groups.length - 1 && g.includes(".")) {
        const v4 = parseIPv4(g);
        if (!v4) return undefined;
        out.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
        out.push(Number.parseInt(g, 16));
      }
    }
    return out;
  };
  const head = parseHalf(halves[0] ?? "");
  if (!head) return undefined;
  if (halves.length === 2) {
    const tail = parseHalf(halves[1] ?? "");
    if (!tail || head.length + tail.length > 7) return undefined;
    words = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    if (head.length !== 8) return undefined;
    words = head;
  }
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[i * 2] = w >> 8;
    out[i * 2 + 1] = w & 0xff;
  });
  return out;
}

interface CompiledRange extends SpecialRange {
  bytes: Uint8Array;
  prefix: number;
}

function compile(range: SpecialRange): CompiledRange {
  const [addr = "", len = ""] = range.cidr.split("/");
  const bytes = addr.includes(":") ? parseIPv6(addr) : parseIPv4(addr);
  if (!bytes) throw new Error(`bad CIDR in table: ${range.cidr}`);
  return { ...range, bytes, prefix: Number(len) };
}

const COMPILED = SPECIAL_RANGES.map(compile);
// Most specific first, so `::1/128` wins over `::/96` and `::ffff:0:0/96` is not read as `::/96`.
const V4 = COMPILED.filter((r) => r.bytes.length === 4).sort((a, b) => b.prefix - a.prefix);
const V6 = COMPILED.filter((r) => r.bytes.length === 16).sort((a, b) => b.prefix - a.prefix);

function inRange(bytes: Uint8Array, range: CompiledRange): boolean {
  let bits = range.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((range.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

export type AddressClass =
  | { public: true; address: string }
  | { public: false; address: string; range: string; name: string };

/**
 * Classifies an IP address (dotted IPv4 or IPv6 without brackets). Anything that is not a valid
 * address is reported as not public ("not an IP address"), so a parsing gap can only refuse.
 * @example classifyAddress("::ffff:7f00:1") // { public: false, name: "loopback", range: "127.0.0.0/8", … }
 */
export function classifyAddress(address: string): AddressClass {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  const v4 = parseIPv4(bare);
  if (v4) return classifyBytes(v4, address);
  const v6 = parseIPv6(bare);
  if (v6) return classifyBytes(v6, address);
  return { public: false, address, range: "-", name: "not an IP address" };
}

function classifyBytes(bytes: Uint8Array, address: string): AddressClass {
  const table = bytes.length === 4 ? V4 : V6;
  for (const range of table) {
    if (!inRange(bytes, range)) continue;
    if (range.action === "embedded-v4") {
      const v4 = range.cidr.startsWith("2002:") ? bytes.slice(2, 6) : bytes.slice(12, 16);
      const inner = classifyBytes(v4, address);
      return inner.public
        ? inner
        : {
            ...inner,
            name: `${inner.name} (${range.name})`,
            range: `${inner.range} in ${range.cidr}`,
          };
    }
    return { public: false, address, range: range.cidr, name: range.name };
  }
  return { public: true, address };
}

/** True when the text is an IP address literal (IPv4 dotted or IPv6, with or without brackets). */
export function isIpLiteral(host: string): boolean {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  return parseIPv4(bare) !== undefined || parseIPv6(bare) !== undefined;
}
