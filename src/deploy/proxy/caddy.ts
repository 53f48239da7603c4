// The proxy's configuration (pure). slipway uses Caddy: `caddy reload` hands a whole new config
// to Caddy's admin API, which loads it atomically (all of it or, if invalid, none); the new server
// listens before the old one stops, so no connection is refused during a switch; requests already
// running on the old upstream go on (slipway waits for them before it stops the old container:
// see drainContainers). `try_duration` makes Caddy retry a request whose upstream cannot be
// dialled instead of failing it.
//
// A reload replaces Caddy's HTTP server: on Linux the new one opens its own listening socket on
// the same port (SO_REUSEPORT), then the old socket is closed, and the kernel resets every
// connection still waiting in the old socket's accept queue (measured: 55 resets in 200 reloads
// at 200 requests/s; docs/zero-downtime.md). `net.ipv4.tcp_migrate_req` (Linux 5.14+, per network
// namespace, so set on the proxy container alone) makes the kernel hand those connections to the
// new socket instead.

import { createHash } from 'node:crypto';

/** Where the config sits inside the proxy container (the server's .slipway/proxy/, read-only). */
export const PROXY_CONFIG_DIR = '/etc/slipway-proxy';
export const PROXY_CONFIG_FILE = `${PROXY_CONFIG_DIR}/caddy.json`;

/** Seconds a switch waits for requests still running on the old container (kamal-proxy's drain default). */
export const DRAIN_SECONDS = 30;

export interface Upstream {
  /** The port the proxy listens on (the app's container port). */
  port: number;
  /** host:port of the container that serves it now. */
  dial: string;
}

export function caddyConfig(upstreams: Upstream[]): string {
  const servers = Object.fromEntries(
    upstreams.map((u) => [
      `port${u.port}`,
      {
        listen: [`:${u.port}`],
        automatic_https: { disable: true },
        routes: [
          {
            handle: [
              {
                handler: 'reverse_proxy',
                upstreams: [{ dial: u.dial }],
                load_balancing: { try_duration: '5s', try_interval: '250ms' },
                // One connection per request to the app: an open connection to the old container then
                // means a request still running there, which is what the drain waits for.
                transport: { protocol: 'http', keep_alive: { enabled: false } },
              },
            ],
          },
        ],
      },
    ]),
  );
  const config = {
    // The admin API answers only inside the proxy's container; `persist: false`: no autosave file to write.
    admin: { listen: 'localhost:2019', config: { persist: false } },
    apps: { http: { grace_period: `${DRAIN_SECONDS}s`, servers } },
  };
  return JSON.stringify(config, null, 2) + '\n';
}

/** The kernel setting that hands a closed listener's waiting connections to the new one (see the top). */
export const HANDOVER_SYSCTL = 'net.ipv4.tcp_migrate_req';

/** A line for the scripts that look at the server: prints `handover=yes` when the kernel has HANDOVER_SYSCTL. */
export const HANDOVER_PROBE = `if [ -e /proc/sys/${HANDOVER_SYSCTL.replaceAll('.', '/')} ]; then echo handover=yes; fi`;

/** The label on the proxy container that says which definition it runs (see proxyService). */
export const PROXY_LABEL = 'dev.slipway.proxy';

/**
 * The proxy service slipway adds to the generated override. Its label is a digest of the rest:
 * a running proxy with the same label needs no `compose up` (which costs a compose run), only a
 * reload; a different one is recreated by `compose up` (a short gap: a new image or new ports).
 */
export function proxyService(image: string, ports: unknown[], networks: string[], handOver: boolean): Record<string, unknown> {
  const service = {
    image,
    restart: 'unless-stopped',
    command: ['caddy', 'run', '--config', PROXY_CONFIG_FILE],
    // Relative to the app folder: a path with spaces, quotes or $ never reaches compose's parser.
    volumes: [{ type: 'bind', source: './.slipway/proxy', target: PROXY_CONFIG_DIR, read_only: true }],
    ports,
    ...(networks.length ? { networks } : {}),
    // Only when the server's kernel has it (HANDOVER_PROBE): an unknown sysctl stops the container from starting.
    ...(handOver ? { sysctls: { [HANDOVER_SYSCTL]: '1' } } : {}),
  };
  return { ...service, labels: { [PROXY_LABEL]: createHash('sha256').update(JSON.stringify(service)).digest('hex').slice(0, 16) } };
}
