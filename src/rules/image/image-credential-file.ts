import type { HiddenFile, ImageModel, LayerFile } from '../../image/model.js';
import { envSecretName, isEnvFileName, notReadWhole } from '../../parse/credentials.js';
import type { ImageRule } from '../types.js';
const NPM_TOKEN = /^\s*(\/\/[^\s=]*:)?(_authToken|_auth|_password)\s*=\s*\S/m;
const DOCKER_AUTH = /"(auth|identitytoken|registrytoken)"\s*:\s*"[^"]+"/;
const NETRC_PASSWORD = /\bpassword\s+\S/;
const PYPIRC_PASSWORD = /^\s*password\s*[=:]\s*\S/m;

/** What kind of credential a file is, or null. Judged by path, and by content where a file may hold none. */
export function credentialKind(f: LayerFile): string | null {
  if (f.type !== 'file' || f.size === 0) return null;
  const path = f.path;
  const base = path.slice(path.lastIndexOf('/') + 1);
  const text = () => f.content?.toString('utf8') ?? '';
  // Only the first CONTENT_LIMIT bytes are kept: past them a file may hold what its head does not, so it is never clean.
  const cut = f.content === undefined || f.content.length < f.size;
  const judged = (holds: RegExp, kind: string, file: string) => (holds.test(text()) ? kind : cut ? notReadWhole(file) : null);
  if (isEnvFileName(base)) {
    // By content, as the context rules judge env files: ports, image names and public VITE_… settings are no secret.
    const name = envSecretName(text());
    return name ? `an environment file with ${name}` : cut ? notReadWhole('an environment file') : null;
  }
  if (/^id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/.test(base)) return 'an SSH private key';
  if (path.endsWith('/.aws/credentials')) return 'AWS credentials';
  if (base === '.git-credentials') return 'git credentials';
  if (base === '.npmrc') return judged(NPM_TOKEN, 'an .npmrc with a token', 'an .npmrc');
  if (path.endsWith('/.docker/config.json')) return judged(DOCKER_AUTH, 'registry credentials (.docker/config.json)', 'a .docker/config.json');
  if (base === '.netrc') return judged(NETRC_PASSWORD, 'a .netrc with a password', 'a .netrc');
  if (base === '.pypirc') return judged(PYPIRC_PASSWORD, 'a .pypirc with a password', 'a .pypirc');
  return null;
}

/** The `.git` folder a path is in (its history may hold removed secrets and remotes with tokens). */
const gitDirOf = (path: string): string | null => {
  const at = path.indexOf('/.git/');
  if (at >= 0) return path.slice(0, at + 5);
  return path.endsWith('/.git') ? path : null;
};

function where(f: LayerFile | HiddenFile): string {
  if (!('hiddenBy' in f)) return `shipped in layer ${f.layer}`;
  const how = f.how === 'overwritten' ? 'overwritten' : 'deleted';
  return `${how} by layer ${f.hiddenBy} but still shipped in layer ${f.layer}: anyone who pulls the image can read it from that layer`;
}

export function credentialFiles(image: ImageModel): { file: LayerFile | HiddenFile; kind: string }[] {
  const out: { file: LayerFile | HiddenFile; kind: string }[] = [];
  const gitSeen = new Set<string>();
  for (const file of [...image.files.values(), ...image.hidden]) {
    const git = gitDirOf(file.path);
    if (git) {
      const key = `${file.layer}:${git}`;
      if (gitSeen.has(key)) continue;
      gitSeen.add(key);
      out.push({ file: { ...file, path: git }, kind: 'a git folder (history, remotes, maybe tokens)' });
      continue;
    }
    const kind = credentialKind(file);
    if (kind) out.push({ file, kind });
  }
  return out;
}

export const imageCredentialFile: ImageRule = {
  meta: {
    id: 'image-credential-file',
    target: 'image',
    category: 'security',
    severity: 'error',
    aliases: ['CIS-DI-0010'],
    title: 'A credential file is in an image layer (deleted ones too)',
    description:
      'A `.env`, SSH private key, `.aws/credentials`, `.npmrc` with a token, `.git` folder, `.git-credentials` or `.docker/config.json` with auths in any layer ships with the image. A file removed by a later `RUN rm` still ships: the layer that added it is unchanged, and `docker save` or a registry pull hands it out. Mount such files for the one RUN that needs them (`RUN --mount=type=secret`), keep them out of the build context (`.dockerignore`), and revoke what was shipped.',
    bad: 'FROM node:20-slim\nCOPY .npmrc /root/.npmrc\nRUN npm ci && rm /root/.npmrc\n',
    good: 'FROM node:20-slim\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n',
    fixable: false,
    differs: 'dockle CIS-DI-0010 looks at the extracted final filesystem, so a file added in one layer and deleted in a later one is never reported; slipway reads every layer and reports those too, with the layer that still holds them. `.npmrc`, `.netrc`, `.pypirc` and `.docker/config.json` are reported only when they hold a token or password; an env file (`.env`, `.env.production`) only when it holds a literal secret (a value under a name like `*_PASSWORD`, `*_TOKEN`, `API_KEY`, or a URL with a password — not placeholders, `${VAR}` references or public `VITE_…`/`NEXT_PUBLIC_…` settings), named in the message. Of these files slipway keeps the first 64 KiB: a longer one without a secret in them is reported as not read whole.',
  },
  check({ image, report }) {
    for (const { file, kind } of credentialFiles(image)) {
      report({ layer: file.layer, path: file.path, message: `${file.path} is ${kind}, ${where(file)}` });
    }
  },
};
