// The generated stack file that pins a release on a Swarm: each app service's image, the update
// and rollback policy slipway needs (start-first, roll back on failure, a monitor window), and the
// Docker secrets of deploy.env. It is given to `docker stack deploy` after the user's own compose
// file(s), so it only adds what they do not say: a key the user set in deploy.update_config wins.
// JSON is YAML, and JSON.stringify quotes every value, so no name or tag changes its structure.

import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../../errors.js';

/** What the user's compose files say about one service, as far as the stack file cares. */
export interface StackServiceFacts {
  /** A port published with `mode: host`: two tasks of it cannot share a node, so start-first cannot work. */
  hostPorts: boolean;
  /** deploy.update_config / rollback_config keys the user set. */
  updateKeys: string[];
  rollbackKeys: string[];
}

export interface StackFacts {
  /** The `version:` of the first file that has one (the CLI wants all files to agree). */
  version?: string;
  services: Map<string, StackServiceFacts>;
}

/** The facts of the local compose files (later files add to earlier ones), from the texts the deploy
 *  config already read through the one safe reader (no second read that a FIFO or a swapped link could redirect). */
export function readStackFacts(files: { file: string; text: string }[]): StackFacts {
  let version: string | undefined;
  const services = new Map<string, StackServiceFacts>();
  for (const { file, text } of files) {
    let doc: any;
    try {
      doc = parseYaml(text);
    } catch (e) {
      throw new ConfigError(`cannot read the compose file: ${(e as Error).message.split('\n')[0]}`, file);
    }
    if (version === undefined && (typeof doc?.version === 'string' || typeof doc?.version === 'number')) version = String(doc.version);
    for (const [name, def] of Object.entries<any>(doc?.services ?? {})) {
      const prev = services.get(name) ?? { hostPorts: false, updateKeys: [], rollbackKeys: [] };
      const ports: unknown[] = Array.isArray(def?.ports) ? def.ports : [];
      const keys = (o: unknown) => (o && typeof o === 'object' ? Object.keys(o) : []);
      services.set(name, {
        hostPorts: prev.hostPorts || ports.some((p) => typeof p === 'object' && p !== null && (p as any).mode === 'host'),
        updateKeys: [...new Set([...prev.updateKeys, ...keys(def?.deploy?.update_config)])],
        rollbackKeys: [...new Set([...prev.rollbackKeys, ...keys(def?.deploy?.rollback_config)])],
      });
    }
  }
  return { ...(version ? { version } : {}), services };
}

export interface StackInput {
  /** The app services and the image reference they run. */
  services: string[];
  ref: string;
  tag: string;
  facts: StackFacts;
  monitorSec: number;
  /** Env name → the Docker secret holding its value (mounted at /run/secrets/<name>). */
  secrets: Record<string, string>;
}

/** The update order Swarm can honour for a service: start-first, unless a host-mode port forbids two tasks on a node. */
export function updateOrder(f: StackServiceFacts | undefined): 'start-first' | 'stop-first' {
  return f?.hostPorts ? 'stop-first' : 'start-first';
}

export function stackFile(input: StackInput): string {
  const { facts } = input;
  const secretNames = Object.keys(input.secrets).sort();
  const services: Record<string, unknown> = {};
  for (const name of input.services) {
    const f = facts.services.get(name);
    const policy = {
      parallelism: 1,
      order: updateOrder(f),
      failure_action: 'rollback',
      monitor: `${input.monitorSec}s`,
    };
    const update = Object.fromEntries(Object.entries(policy).filter(([k]) => !f?.updateKeys.includes(k)));
    const rollback = Object.fromEntries(
      Object.entries({ parallelism: 1, order: policy.order, failure_action: 'pause', monitor: policy.monitor }).filter(([k]) => !f?.rollbackKeys.includes(k)),
    );
    services[name] = {
      image: input.ref,
      deploy: { update_config: update, rollback_config: rollback },
      ...(secretNames.length ? { secrets: secretNames.map((n) => ({ source: secretKey(n), target: n })) } : {}),
    };
  }
  const body: Record<string, unknown> = {
    ...(facts.version ? { version: facts.version } : {}),
    services,
    ...(secretNames.length ? { secrets: Object.fromEntries(secretNames.map((n) => [secretKey(n), { external: true, name: input.secrets[n] }])) } : {}),
  };
  return `# Written by slipway: release ${JSON.stringify(input.tag)}. 'slipway deploy' and 'slipway rollback' rewrite it.\n${JSON.stringify(body, null, 2)}\n`;
}

/** The key of an env name's secret inside the stack file (its real name is versioned). */
function secretKey(envName: string): string {
  return `slipway_${envName.toLowerCase()}`;
}
