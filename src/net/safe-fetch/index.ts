export { nodeConnector, systemResolver } from "./connect.js";
export * from "./errors.js";
export * from "./fetch-types.js";
export {
  type AddressClass,
  classifyAddress,
  isIpLiteral,
  SPECIAL_RANGES,
  type SpecialRange,
} from "./ip-ranges.js";
export * from "./safe-fetcher.js";
