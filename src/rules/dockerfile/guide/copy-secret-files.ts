import { posix } from 'node:path';
import { sourceMatches } from '../../../parse/context/copy-sources.js';
import { CREDENTIAL_CONFIGS, credentialIn, envSecretName, isEnvFileName, notReadWhole } from '../../../parse/credentials.js';
import { isKeyFileName, keyFileHolds } from '../../../parse/key-file.js';
import type { DockerfileRule } from '../../types.js';
/** A .pem/.key that holds a public certificate. */
const PUBLIC_CERT = /(^|[-_.])(ca|cacert|cert|certs|certificate|chain|fullchain|bundle|root|public|pub|trust)([-_.]|$)/i;
/** Where trusted CA certificates go. */
const CA_DIRS = /^\/(usr\/local\/share\/ca-certificates|etc\/ssl\/certs|etc\/pki\/ca-trust|usr\/share\/ca-certificates)/;

/**
 * Why a COPY source is a credential config (`.npmrc`, `.yarnrc.yml`), judged by the content the
 * context holds: a token written in it, not a `${VAR}` reference; null when it holds none or is unknown.
 */
export function secretConfig(source: string, heads: Record<string, string | null>): string | null {
  const base = source.replace(/\/+$/, '').split('/').pop()!.toLowerCase();
  if (!CREDENTIAL_CONFIGS.includes(base)) return null;
  const rel = posix.normalize(source).replace(/^(\.\/|\/)+/, '');
  const head = heads[rel];
  return head === undefined ? null : credentialIn(base, head);
}

/**
 * Why a COPY source is an env file with a secret (`.env`, `.env.production`, `.env*`), judged by the
 * content the context holds, as the context rules judge it: null when every env file it matches holds
 * only settings (ports, placeholders, public `VITE_…` values). A source the context does not hold (or
 * an unknown context) is judged by its name.
 */
export function secretEnv(source: string, heads: Record<string, string | null>): string | null {
  const base = source.replace(/\/+$/, '').split('/').pop()!.toLowerCase();
  if (!isEnvFileName(base) && base !== '.env*') return null;
  const rel = posix.normalize(source).replace(/^(\.\/|\/)+/, '');
  const known = Object.keys(heads).filter((path) => isEnvFileName(posix.basename(path)) && sourceMatches(rel, path));
  if (!known.length) return 'an environment file with secrets';
  let unread = false;
  for (const path of known) {
    const head = heads[path]!;
    if (head === null) unread = true;
    const name = head === null ? null : envSecretName(head);
    if (name) return `an environment file with ${name}`;
  }
  return unread ? notReadWhole('an environment file') : null;
}

/**
 * Does a key-named COPY source (`*.key`, `*.pem` …) hold only public material — the PGP key of an apt
 * repository (`nodesource-repo.gpg.key`), a certificate — by the content the context holds? False when
 * any file it matches holds a private key or unreadable content, or the context does not hold it.
 */
export function publicKeyFile(source: string, heads: Record<string, string | null>): boolean {
  const base = source.replace(/\/+$/, '').split('/').pop()!.toLowerCase();
  if (!isKeyFileName(base)) return false;
  const rel = posix.normalize(source).replace(/^(\.\/|\/)+/, '');
  const known = Object.keys(heads).filter((path) => isKeyFileName(posix.basename(path).toLowerCase()) && sourceMatches(rel, path));
  return known.length > 0 && known.every((path) => keyFileHolds(heads[path] ?? '') === 'public');
}

/** Why a COPY source is a secret file by its name alone, or null (env files and credential configs: see secretEnv, secretConfig). */
export function secretFile(source: string): string | null {
  const path = source.replace(/\/+$/, '');
  const base = path.slice(path.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  if (/^id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/.test(lower)) return 'an SSH private key';
  if (lower === '.ssh') return 'SSH keys';
  if (lower === '.pypirc' || lower === '.netrc' || lower === '.git-credentials') return 'registry or git credentials';
  if (lower === '.aws' || /(^|\/)\.aws\/credentials$/.test(path.toLowerCase())) return 'AWS credentials';
  if (lower === 'credentials.json' || /^(service[-_]?account|gcp[-_]?key|client[-_]secret).*\.json$/.test(lower)) return 'a cloud credentials file';
  if (/(^|\/)\.docker\/config\.json$/.test(path.toLowerCase()) || /(^|\/)\.kube\/config$/.test(path.toLowerCase())) return 'a credentials file';
  if (/\.(pem|key|p12|pfx|jks|keystore)$/.test(lower) && !PUBLIC_CERT.test(lower.replace(/\.[a-z0-9]+$/, ''))) return 'a private key or keystore';
  return null;
}

export const copySecretFiles: DockerfileRule = {
  meta: {
    id: 'copy-secret-files',
    target: 'dockerfile',
    category: 'security',
    severity: 'error',
    aliases: ['DS-0031', 'CIS-DI-0010'],
    title: 'Do not COPY secret files into the image',
    description:
      'A `.env`, SSH key, `.npmrc` with a token or cloud credentials file copied into a layer stays in the image (and its history) even if a later RUN deletes it. Mount it for the one RUN that needs it with `RUN --mount=type=secret,id=…`, and pass runtime secrets through the environment.',
    bad: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json .npmrc ./\nRUN npm ci\n',
    example: { project: { configHeads: { '.npmrc': '//registry.npmjs.org/:_authToken=npm_0123456789abcdef\n' } } },
    good: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n',
    fixable: false,
    differs:
      'dockle CIS-DI-0010 finds these files only once they are in a built image, trivy DS-0031 only for some destinations; slipway reads the COPY sources. `.npmrc` and `.yarnrc.yml` are judged by their content in the build context: reported only when they hold a token written out (`_authToken=…`, `npmAuthToken: …`), not settings alone (`legacy-peer-deps=true`, `nodeLinker`) nor a `${NPM_TOKEN}` reference. Env files (`.env`, `.env.production`, `.env*`) too, as the context rules judge them: reported when one holds a literal secret (a value under a name like `*_PASSWORD`, `*_TOKEN`, `API_KEY`, or a URL with a password, named in the message), not when it holds only ports, image names, placeholders or public client-bundle settings (`VITE_`, `NEXT_PUBLIC_`…); an env file the context does not hold is judged by its name. Key-named files (`*.key`, `*.pem`, `*.p12`) the context holds are judged by their content: PGP public keys (`nodesource-repo.gpg.key`), public keys and certificates are not secrets; a private key block or unreadable content is. A file judged by content that is larger than the 64 KiB slipway reads of it (or unreadable) is reported as not read whole: a secret may follow. Templates (`.env.example`, `.env.sample`) and public certificates (`ca.pem`, `fullchain.pem`, anything copied to the CA store) are not secrets. Builder stages are checked too: their layers live on in the build cache and in `--cache-to mode=max` exports.',
  },
  check({ df, project, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword !== 'COPY' && inst.keyword !== 'ADD') continue;
      if (inst.flags.some((f) => f.name === 'from') || inst.heredocs.length) continue;
      const words = inst.json
        ? inst.json.map((value) => {
            const at = df.text.slice(inst.argsStart, inst.end).indexOf(JSON.stringify(value));
            return at < 0
              ? { value, start: inst.argsStart, end: inst.end }
              : { value, start: inst.argsStart + at + 1, end: inst.argsStart + at + JSON.stringify(value).length - 1 };
          })
        : inst.args;
      if (words.length < 2) continue;
      const dest = words.at(-1)!.value;
      if (CA_DIRS.test(dest)) continue;
      for (const src of words.slice(0, -1)) {
        if (/^https?:\/\//.test(src.value)) continue;
        const why = (publicKeyFile(src.value, project.configHeads) ? null : secretFile(src.value)) ?? secretEnv(src.value, project.configHeads) ?? secretConfig(src.value, project.configHeads);
        if (!why) continue;
        const id = src.value.replace(/\/+$/, '').split('/').pop()!.replace(/^\.+/, '').replace(/[^A-Za-z0-9_-]+/g, '_') || 'secret';
        report({
          start: src.start,
          end: src.end,
          message: `${inst.keyword} ${src.value} puts ${why} into a layer, where it stays even if deleted later: use RUN --mount=type=secret,id=${id} for the step that needs it (docker build --secret id=${id},src=${src.value})`,
        });
      }
    }
  },
};
