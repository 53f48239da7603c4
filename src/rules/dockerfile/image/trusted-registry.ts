import type { DockerfileRule } from '../../types.js';

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'hub.docker.com', 'registry.hub.docker.com']);

function allowed(registry: string, trusted: string[]): boolean {
  const r = registry.toLowerCase();
  return trusted.some((t) => {
    const entry = t.trim().toLowerCase();
    if (!entry) return false;
    if (entry === r) return true;
    if (DOCKER_HUB.has(entry) && DOCKER_HUB.has(r)) return true;
    // `*.example.com` matches any sub-domain.
    if (entry.startsWith('*.')) return r.endsWith(entry.slice(1));
    return false;
  });
}

export const trustedRegistry: DockerfileRule = {
  meta: {
    id: 'trusted-registry',
    target: 'dockerfile',
    category: 'security',
    severity: 'error',
    aliases: ['DL3026'],
    title: 'Pull base images only from trusted registries',
    description:
      'When `trustedRegistries` is configured, every base image must come from one of them; an image name without a registry comes from Docker Hub (`docker.io`). With an empty list the rule is silent.',
    bad: 'FROM quay.example.org/tools/python:3.12\n',
    good: 'FROM registry.example.com/python:3.12\n',
    fixable: false,
    example: { settings: { trustedRegistries: ['registry.example.com'] } },
    differs:
      'Docker Hub aliases (`docker.io`, `index.docker.io`, `hub.docker.com`) are interchangeable, `*.example.com` entries match sub-domains, and a registry part that comes from an unknown ARG is not guessed.',
  },
  check({ df, settings, report }) {
    const trusted = settings.trustedRegistries ?? [];
    if (!trusted.length) return;
    for (const stage of df.stages) {
      const img = stage.image;
      const token = stage.from.args[0];
      if (!token || img.isScratch || img.stage || !img.resolved) continue;
      const slash = img.resolved.indexOf('/');
      const head = slash < 0 ? img.resolved : img.resolved.slice(0, slash);
      if (head.includes('$')) continue; // registry from an unknown variable
      const registry = img.registry ?? 'docker.io';
      if (allowed(registry, trusted)) continue;
      report({
        start: token.start,
        end: token.end,
        message: `Base image '${img.resolved}' comes from ${registry}, which is not a trusted registry (${trusted.join(', ')})`,
      });
    }
  },
};
