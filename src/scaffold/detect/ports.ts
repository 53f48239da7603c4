// The port an app listens on, read from its source. Only calls that listen count: a Redis client's
// `port: 6379` or a database URL never wins over `app.listen(5000)`.

export interface PortFact {
  port?: number;
  /** The variable the app reads its port from (PORT, HTTP_PORT): the image sets it, so the port is ours. */
  env?: string;
}

function valid(n: string | undefined): number | undefined {
  const v = Number(n);
  return Number.isInteger(v) && v > 0 && v < 65536 ? v : undefined;
}

/** Source without comments (line and block), so a commented-out listen is not read. */
function code(src: string, hash: boolean): string {
  const noBlock = src.replace(/\/\*[\s\S]*?\*\//g, '');
  return noBlock.replace(hash ? /(^|\s)#.*$/gm : /(^|[^:])\/\/.*$/gm, '$1');
}

/** Node.js: `.listen(5000)`, `listen({ port: 5000 })`, `process.env.PORT || 5000`, `const PORT = 5000`. */
export function nodePort(src: string): PortFact {
  const s = code(src, false);
  const env = /process\.env\.([A-Z_]*PORT)\b/.exec(s)?.[1] ?? /process\.env\[['"]([A-Z_]*PORT)['"]\]/.exec(s)?.[1];
  const listen = valid(/\.listen\(\s*['"]?(\d{2,5})\b/.exec(s)?.[1]) ?? valid(/\.listen\(\s*\{[^}]*\bport\s*:\s*(\d{2,5})/.exec(s)?.[1]);
  const fallback = valid(/process\.env(?:\.[A-Z_]*PORT|\[['"][A-Z_]*PORT['"]\])\s*(?:\|\||\?\?)\s*['"]?(\d{2,5})\b/.exec(s)?.[1]);
  const declared = valid(/\b(?:const|let|var)\s+(?:PORT|port)\s*(?::\s*\w+\s*)?=\s*['"]?(\d{2,5})\b/.exec(s)?.[1]);
  const listensOnVar = /\.listen\(\s*(?:PORT|port|[\w.]*\.port)\b/.test(s);
  if (listen !== undefined) return env && listensOnVar ? { port: listen, env } : { port: listen };
  if (env) return { port: fallback, env };
  if (declared !== undefined && listensOnVar) return { port: declared };
  return {};
}

/** Python: `HTTPServer(("", 8000), …)`, `app.run(port=8000)`, `os.environ.get("PORT", 8000)`, `PORT = 8000`. */
export function pythonPort(src: string): PortFact {
  const s = code(src, true);
  const env =
    /os\.environ\.get\(\s*['"]([A-Z_]*PORT)['"]/.exec(s)?.[1] ??
    /os\.getenv\(\s*['"]([A-Z_]*PORT)['"]/.exec(s)?.[1] ??
    /os\.environ\[\s*['"]([A-Z_]*PORT)['"]\s*\]/.exec(s)?.[1];
  const fallback = valid(/(?:os\.environ\.get|os\.getenv)\(\s*['"][A-Z_]*PORT['"]\s*,\s*['"]?(\d{2,5})/.exec(s)?.[1]);
  if (env) return { port: fallback, env };
  const port =
    valid(/\(\s*\(\s*['"][^'"]*['"]\s*,\s*(\d{2,5})\s*\)/.exec(s)?.[1]) ??
    valid(/\.run\([^)]*\bport\s*=\s*(\d{2,5})/.exec(s)?.[1]) ??
    valid(/\bserve\([^)]*\bport\s*=\s*(\d{2,5})/.exec(s)?.[1]) ??
    valid(/^\s*PORT\s*=\s*(\d{2,5})\s*$/m.exec(s)?.[1]);
  return port !== undefined ? { port } : {};
}

/** Go: `ListenAndServe(":8080", …)`, gin's `r.Run(":8080")` / `r.Run()` (PORT or 8080), `os.Getenv("PORT")`, `env:"HTTP_PORT"`. */
export function goPort(src: string): PortFact {
  const s = code(src, false);
  const env = /os\.Getenv\(\s*"([A-Z_]*PORT)"\s*\)/.exec(s)?.[1] ?? /os\.LookupEnv\(\s*"([A-Z_]*PORT)"\s*\)/.exec(s)?.[1] ?? /env:"([A-Z_]*PORT)\b/.exec(s)?.[1];
  const literal =
    valid(/(?:ListenAndServe(?:TLS)?|\.Run|\.Start|\.Listen)\(\s*"[^":]*:(\d{2,5})"/.exec(s)?.[1]) ??
    valid(/\bAddr\s*:\s*"[^":]*:(\d{2,5})"/.exec(s)?.[1]) ??
    valid(/flag\.(?:String|Int)\(\s*"[\w-]*(?:addr|port)[\w-]*"\s*,\s*"?:?(\d{2,5})"?/i.exec(s)?.[1]);
  // A default for that variable: on the same struct tag, or a `defaultPort = 8080` constant.
  const tagged = env ? new RegExp(`env:"${env}[^"]*"\\s+envDefault:"[^"]*?(\\d{2,5})"`).exec(s)?.[1] : undefined;
  const fallback = valid(tagged) ?? valid(/\bdefault\w*Port\s*=\s*(\d{2,5})\b/i.exec(s)?.[1]);
  if (env) return { port: literal ?? fallback, env };
  if (literal !== undefined) return { port: literal };
  // gin: Run() with no address listens on $PORT, else 8080.
  if (/\.Run\(\s*\)/.test(s) && /gin-gonic\/gin/.test(s)) return { port: 8080, env: 'PORT' };
  return {};
}
