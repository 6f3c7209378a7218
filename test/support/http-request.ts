import { request } from "node:http";

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One raw HTTP request to 127.0.0.1: the path is sent byte for byte and Host is the port's
 * unless `headers` names another (the server's Host, token and path checks see what a browser or
 * an attacker would send).
 */
export function httpRequest(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: opts.method ?? "GET",
        headers: { host: `127.0.0.1:${port}`, ...opts.headers },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => {
          body += c;
        });
        res.on("end", () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", fail);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** A JSON request to the app with its token, as the app's own script sends it. */
export function apiRequest(
  port: number,
  token: string,
  path: string,
  method: string,
  body?: unknown,
): Promise<Reply> {
  return httpRequest(port, path, {
    method,
    headers: { "content-type": "application/json", "x-jingdu-token": token },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
