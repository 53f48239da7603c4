// The `deploy:` section of .slipway.yaml (part of src/config/schema.ts). Everything here also has a flag.

const SERVER = {
  description: 'user@host:port, host, or an alias from ~/.ssh/config (no spaces or shell characters)',
  type: 'string',
  // user@ optional; a host name, an IPv4 address or a [bracketed] IPv6 address; :port optional. No spaces, no shell.
  pattern: '^([A-Za-z0-9._][A-Za-z0-9._-]*@)?([A-Za-z0-9][A-Za-z0-9._-]*|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?$',
} as const;

const SERVER_ENTRY = {
  oneOf: [
    SERVER,
    {
      type: 'object',
      additionalProperties: false,
      required: ['host'],
      properties: { host: SERVER, path: { description: "this server's app folder (default: deploy.path)", type: 'string', minLength: 1 } },
    },
  ],
} as const;

const SERVERS = { type: 'array', items: SERVER_ENTRY, minItems: 1 } as const;

const ADDRESS = { description: 'an IP address (or interface name) the node uses for the Swarm', type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9.:_-]*$' } as const;

// engine: swarm. deploy.servers names the manager; the workers only matter to `slipway setup`.
const SWARM_SCHEMA = {
  description: 'engine: swarm settings: the manager is deploy.servers; slipway setup joins the workers.',
  type: 'object',
  additionalProperties: false,
  properties: {
    'advertise-addr': ADDRESS,
    workers: {
      description: 'Servers that slipway setup joins to the Swarm as workers.',
      type: 'array',
      items: {
        oneOf: [SERVER, { type: 'object', additionalProperties: false, required: ['host'], properties: { host: SERVER, 'advertise-addr': ADDRESS } }],
      },
    },
    monitor: { description: 'Seconds Swarm watches each updated task before the next (update_config.monitor; default 10).', type: 'number', exclusiveMinimum: 0 },
  },
} as const;

export const DEPLOY_SCHEMA = {
  description: 'slipway setup/deploy/rollback: where and how the production compose setup runs.',
  type: 'object',
  additionalProperties: false,
  properties: {
    app: {
      description: 'lower-case letters, digits, _ and - (the compose project name on the servers; default: the project folder name)',
      type: 'string',
      pattern: '^[a-z0-9][a-z0-9_-]*$',
    },
    image: {
      description: 'an image repository without a tag (e.g. ghcr.io/org/app)',
      type: 'string',
      pattern: '^[a-z0-9][a-z0-9._:/-]*[a-z0-9]$',
    },
    servers: {
      description: 'A list of servers, or groups of them by name (deploy to one with --group).',
      oneOf: [SERVERS, { type: 'object', minProperties: 1, additionalProperties: SERVERS }],
    },
    path: { description: 'The folder on the servers (default /srv/<app>).', type: 'string', minLength: 1 },
    compose: {
      description: 'The production compose file(s) to ship (default: compose.yaml or docker-compose.yml). Never the development override.',
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }],
    },
    services: {
      description: 'The services that run the image (default: every service whose image is the repository).',
      type: 'array',
      items: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'a compose service name' },
    },
    env: {
      description: 'Names of the variables written to the server .env (values from the environment, else the local .env).',
      type: 'array',
      items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'an environment variable name' },
    },
    'health-timeout': { description: 'Seconds to wait for a release to be healthy (default 60).', type: 'number', exclusiveMinimum: 0 },
    keep: { description: 'Releases whose images are kept on the server (default 5, at least 2).', type: 'integer', minimum: 2 },
    strategy: {
      description:
        "How a release replaces the running one: 'recreate' (compose's up -d: the old container stops, then the new one starts; default) or 'zero-downtime' (the new container starts next to the old one behind a Caddy proxy that takes over the published ports, gets traffic once healthy, then the old one is drained and stopped; every app service with published ports needs a health check).",
      enum: ['recreate', 'zero-downtime'],
    },
    'proxy-image': { description: 'zero-downtime: the Caddy image of the proxy (default caddy:2, pulled once when missing).', type: 'string', minLength: 1 },
    identity: { description: 'SSH private key file (ssh -i).', type: 'string' },
    'ssh-config': { description: 'An ssh_config file to use instead of ~/.ssh/config (ssh -F).', type: 'string' },
    engine: {
      description: "How the servers run the app: 'compose' (docker compose up -d, the default) or 'swarm' (docker stack deploy on a Swarm manager).",
      enum: ['compose', 'swarm'],
    },
    swarm: SWARM_SCHEMA,
  },
} as const;
