/**
 * How the safe fetcher reaches a host: the system resolver and the connector that dials the checked
 * IP only (never a name), with the address comparison it verifies the peer by.
 */
import { lookup } from "node:dns/promises";
import { connect as netConnect } from "node:net";
import { connect as tlsConnect } from "node:tls";
import type { Connector, Resolver } from "./fetch-types.js";
import { isIpLiteral, parseIPv4, parseIPv6 } from "./ip-ranges.js";

/** The system resolver: every address of the name, in the order the OS gives them. */
export const systemResolver: Resolver = async (host) => {
  const found = await lookup(host, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/**
 * Connects to the checked IP only (never a name), with SNI set to the host name for HTTPS, and
 * refuses a socket whose peer is not that IP (defence in depth).
 */
export const nodeConnector: Connector = (target) => {
  const socket = target.tls
    ? tlsConnect({
        host: target.address,
        port: target.port,
        ...(isIpLiteral(target.host) ? {} : { servername: target.host }),
        ALPNProtocols: ["http/1.1"],
      })
    : netConnect({ host: target.address, port: target.port, family: target.family });
  socket.once("connect", () => {
    if (socket.remoteAddress !== undefined && !sameAddress(socket.remoteAddress, target.address)) {
      socket.destroy(new Error(`connected to ${socket.remoteAddress}, not ${target.address}`));
    }
  });
  return socket;
};

export function addressBytes(text: string): Uint8Array | undefined {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  return parseIPv4(bare) ?? parseIPv6(bare);
}

/** True when two address texts (brackets allowed) name the same IP. */
export function sameAddress(a: string, b: string): boolean {
  const x = addressBytes(a);
  const y = addressBytes(b);
  if (!x || !y) return a === b;
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
