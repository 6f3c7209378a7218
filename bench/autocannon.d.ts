/** The part of autocannon's API that bench/serve.ts uses (the package ships no types). */
declare module "autocannon" {
  interface Req {
    path?: string;
    [key: string]: unknown;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    headers?: Record<string, string>;
    requests?: { setupRequest?: (req: Req) => Req }[];
  }
  interface Result {
    latency: { p50: number; p99: number; average: number };
    requests: { average: number };
    errors: number;
    non2xx: number;
  }
  export default function autocannon(options: Options): Promise<Result>;
}
