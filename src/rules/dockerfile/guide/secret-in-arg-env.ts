import type { DockerfileRule } from '../../types.js';

// BuildKit's SecretsUsedInArgOrEnv (dockerfile2llb `getSecretsRegex`): a name is sensitive when one of its
// `_`-separated words is one of these, unless one of its words is `public`.
const BUILDKIT_DENY = ['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'pword', 'passwd', 'secret', 'token'];
/** Words slipway adds to BuildKit's list. */
const EXTRA_DENY = ['passphrase', 'pat', 'privatekey', 'accesskey', 'secretkey'];
const DENY = new Set([...BUILDKIT_DENY, ...EXTRA_DENY]);
const DENY_PARTS = /key|auth|credential|pass|pword|secret|token|pat/;
/** Names that hold public material (BuildKit allows `public`; GPG fingerprints and public keys are public too). */
const ALLOW_WORDS = new Set(['public', 'pub', 'pubkey', 'gpg', 'pgp', 'fingerprint', 'keyring', 'keyserver', 'keyid']);
/** A last word that makes the variable a pointer to, or setting about, a secret rather than the secret. */
const POINTER_WORDS = new Set([
  'file', 'path', 'dir', 'filename', 'location', 'url', 'uri', 'endpoint', 'host', 'port', 'domain', 'enabled',
  'disabled', 'enable', 'disable', 'type', 'mode', 'method', 'header', 'length', 'size', 'ttl', 'expiry', 'timeout',
  'version', 'name', 'provider', 'algorithm',
]);
/** Client-side bundle prefixes: values under them are shipped to every browser by design. */
const PUBLIC_PREFIXES = ['VITE_', 'NEXT_PUBLIC_', 'REACT_APP_', 'EXPO_PUBLIC_', 'GATSBY_', 'NUXT_PUBLIC_', 'PUBLIC_'];

/** Is the ARG/ENV name one that holds a secret? */
export function isSecretName(name: string): boolean {
  const lower = name.toLowerCase();
  // Every DENY word holds one of these: most names hold none, and need no split.
  if (!DENY_PARTS.test(lower)) return false;
  const words = lower.split('_').filter(Boolean);
  if (!words.some((w) => DENY.has(w))) return false;
  if (words.some((w) => ALLOW_WORDS.has(w))) return false;
  if (PUBLIC_PREFIXES.some((p) => name.toUpperCase().startsWith(p))) return false;
  const last = words.at(-1)!;
  // KMS_KEY_ID names a key; AWS_ACCESS_KEY_ID is half a credential pair, VAULT_SECRET_ID is a credential.
  if (last === 'id' && words.at(-2) === 'key' && !words.includes('access')) return false;
  if (POINTER_WORDS.has(last) && !DENY.has(last)) return false;
  return true;
}

export const secretInArgEnv: DockerfileRule = {
  meta: {
    id: 'secret-in-arg-env',
    target: 'dockerfile',
    category: 'security',
    severity: 'warning',
    aliases: ['DL3064', 'SecretsUsedInArgOrEnv', 'DS-0031'],
    title: 'Secrets do not belong in ARG or ENV',
    description:
      'ENV values are stored in the image config, readable by anyone who can pull the image (`docker inspect`); ARG values used by a RUN are recorded in the image history. Pass runtime secrets through the environment at run time (compose `environment:`/`secrets:`), and build-time ones with `RUN --mount=type=secret`.',
    bad: 'FROM python:3.12-slim\nARG PIP_INDEX_TOKEN\nRUN pip install --index-url "https://__token__:${PIP_INDEX_TOKEN}@pypi.example.com/simple" mypkg\n',
    good:
      'FROM python:3.12-slim\nRUN --mount=type=secret,id=pip_token \\\n    PIP_INDEX_URL="https://__token__:$(cat /run/secrets/pip_token)@pypi.example.com/simple" pip install mypkg\n',
    fixable: false,
    differs:
      'Names are matched as BuildKit does (a whole `_`-separated word: `GITHUB_TOKEN`, `DB_PASSWORD`, `API_KEY`, not `USERNAME` or `MONKEY`), where hadolint\'s substring match flags `ARG USERNAME` (a common complaint). Not flagged: public material (`GPG_KEY` fingerprints as in the official images, `*_PUBLIC_KEY`), pointers and settings (`PASSWORD_FILE`, `SECRET_PATH`, `AUTH_URL`, `TOKEN_TTL`), client-bundle variables (`VITE_*`, `NEXT_PUBLIC_*`, `REACT_APP_*`, public by design), and empty values (`ENV API_KEY=`). Added to BuildKit\'s words: `passphrase`, `pat` (as in the guide\'s `GHCR_PAT`).',
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword !== 'ARG' && inst.keyword !== 'ENV') continue;
      for (const p of inst.properties) {
        if (!isSecretName(p.name)) continue;
        if (p.value !== null && p.value.trim() === '') continue;
        const why =
          inst.keyword === 'ENV'
            ? 'ENV is stored in the image config, readable with docker inspect'
            : 'build args used by RUN are recorded in the image history';
        report({
          start: p.start,
          end: p.start + p.name.length,
          message: `${inst.keyword} ${p.name} looks like a secret: ${why}. Use RUN --mount=type=secret,id=${p.name.toLowerCase()} for the build, or pass it at run time`,
        });
      }
    }
  },
};
