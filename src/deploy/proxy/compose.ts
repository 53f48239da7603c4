// Zero-downtime on one server puts a reverse proxy in front of the app: the ports the production
// compose file publishes on an app service move to the proxy, so two containers of the service
// can run side by side while the proxy sends traffic to one of them. This reads the compose
// files (pure: texts in, texts out) and says what moves; the files' other parts stay as written.

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ConfigError } from '../../errors.js';

/** The compose service slipway adds for the proxy (in the generated override). */
export const PROXY_SERVICE = 'slipway-proxy';

/** One published port of an app service: the proxy listens on `port` and forwards to the service's same container port. */
export interface ProxyRoute {
  service: string;
  port: number;
}

export interface ProxyPlan {
  routes: ProxyRoute[];
  /** The `ports:` entries as written (they move to the proxy service verbatim). */
  ports: unknown[];
  /** Networks the proxied services are on (the proxy joins them); empty: the project's default network. */
  networks: string[];
  /** Each compose file's text with the app services' `ports:` removed (what is shipped). */
  texts: string[];
}

export interface ComposeText {
  file: string;
  text: string;
}

/**
 * What zero-downtime changes in the compose files. An app service cannot have a fixed
 * container_name (two containers of it run at once) or share the host's network, and each
 * published port must be TCP with one container port: the proxy speaks HTTP on it.
 */
export function planProxy(files: ComposeText[], services: string[]): ProxyPlan {
  const routes: ProxyRoute[] = [];
  const ports: unknown[] = [];
  const networks = new Set<string>();
  const texts: string[] = [];
  for (const { file, text } of files) {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines });
    const fail = (message: string, node?: Node | null): never => {
      const at = node?.range ? lines.linePos(node.range[0]) : undefined;
      throw new ConfigError(`${message} (strategy: zero-downtime)`, file, at?.line, at?.col);
    };
    let changed = false;
    for (const service of services) {
      const def = doc.getIn(['services', service], true);
      if (!isMap(def)) continue;
      const named = def.get('container_name', true);
      if (named) fail(`service ${service} has a container_name: two containers of it run side by side during a deploy, so it cannot have a fixed name; remove container_name`, named as Node);
      const mode = def.get('network_mode', true);
      if (mode) fail(`service ${service} uses network_mode: the proxy reaches the new container over the project's network; remove network_mode`, mode as Node);
      const nets = def.get('networks', true);
      if (isSeq(nets)) for (const n of nets.items) if (isScalar(n)) networks.add(String(n.value));
      if (isMap(nets)) for (const p of nets.items) if (isScalar(p.key)) networks.add(String(p.key.value));
      const list = def.get('ports', true);
      if (!list) continue;
      if (!isSeq(list)) return fail(`service ${service}: ports must be a list`, list as Node);
      for (const item of list.items as Node[]) {
        const port = containerPort(item);
        if (typeof port === 'string') return fail(`service ${service}: ${port}`, item);
        const clash = routes.find((r) => r.port === port && r.service !== service);
        if (clash) fail(`services ${clash.service} and ${service} both publish container port ${port}; the proxy listens on each app service's container port, so they must differ`, item);
        if (!routes.some((r) => r.port === port)) routes.push({ service, port: port });
        ports.push((item as Node).toJSON());
      }
      def.delete('ports');
      changed = true;
    }
    texts.push(changed ? printDocument(doc) : text);
  }
  return { routes, ports, networks: [...networks], texts };
}

function printDocument(doc: Document): string {
  return doc.toString({ lineWidth: 0 });
}

/** The container port of one `ports:` entry, or why it cannot be proxied. */
export function containerPort(item: Node): number | string {
  if (isScalar(item)) {
    const text = String(item.value);
    const [mapping, protocol] = text.split('/');
    if (protocol && protocol !== 'tcp') return `'${text}' is ${protocol.toUpperCase()}; the proxy forwards HTTP over TCP only`;
    const target = mapping!.slice(mapping!.lastIndexOf(':') + 1);
    if (!/^\d{1,5}$/.test(target) || Number(target) < 1 || Number(target) > 65535) return `cannot read the container port in '${text}' (a range or a variable cannot be proxied)`;
    return Number(target);
  }
  if (isMap(item)) {
    const target = item.get('target');
    const protocol = item.get('protocol');
    if (protocol !== undefined && protocol !== 'tcp') return `a ${String(protocol).toUpperCase()} port; the proxy forwards HTTP over TCP only`;
    const n = Number(target);
    if (!Number.isInteger(n) || n < 1 || n > 65535) return `cannot read the container port (target: ${String(target)})`;
    return n;
  }
  return 'a ports entry must be a string, a number or a mapping';
}
