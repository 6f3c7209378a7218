export {
  type Adders,
  isSuspiciousPath,
  PAGE_CSP,
  type RunningServer,
  type ServerOptions,
  startServer,
} from "./create-server.js";
export { limitHeapGrowth } from "./heap-growth.js";
