// Whether a value could be a secret (not a placeholder, an auth method name or a path), and whether a
// package-manager config file holds a credential, by its content: `.npmrc` and
// `.yarnrc.yml` are often committed with only settings (`legacy-peer-deps=true`, `nodeLinker`), and
// a token given as `${NPM_TOKEN}` is read from the environment, not from the file. Env files likewise:
// many hold only ports, image names and public build settings.

import { parseDotenv } from './dotenv.js';
import { memoByText } from '../util/memo-by-text.js';

/** A value that is a reference to the environment (`${NPM_TOKEN}`, `"${TOKEN-}"`, `$TOKEN`), not a secret. */
const ENV_REFERENCE = /^["']?\$(\{[A-Za-z_][A-Za-z0-9_]*([:-][^}]*)?\}|[A-Za-z_][A-Za-z0-9_]*)["']?$/;

const NPMRC = /^\s*(?:\/\/[^\s=]*:)?(_authToken|_auth|_password)\s*=\s*(.*?)\s*$/gm;
const YARNRC = /^\s*(npmAuthToken|npmAuthIdent|npmPassword)\s*:\s*(.*?)\s*$/gm;

const TRIVIAL = /^(|true|false|yes|no|on|off|null|none|0|1)$/i;
/** Values that stand in for a secret someone is to fill in: `****`, `xxxx`, `changeme`, `<password>`, `replace-me-…`, `your-token-here`. */
const PLACEHOLDER =
  /^([*x.#?_-])\1{2,}$|^<[^<>]+>$|^\[[^\[\]]+\]$|^(change|replace|set|fill|put|insert|update)[-_ ]?(me|this|it)\b|^changeit$|^(your|my|some|example|sample|dummy|placeholder|todo|fixme|tbd)([-_ ].*)?$|[-_ ](here|placeholder)$/i;
/** Authentication methods, not credentials (`REGISTRY_AUTH: htpasswd`, `AUTH: token`). */
const AUTH_METHOD = /^(htpasswd|token|basic|bearer|oauth2?|oidc|ldap|saml|jwt|silly|digest|kerberos|none|disabled|internal|passwordless|apikey|api[-_]key|header)$/i;
/** A path to a file that holds the secret (`/run/secrets/db_password`): the secret is not in the compose file. */
const FILE_PATH = /^(\/|\.\.?\/|~\/)[^\s]*$/;

/** Whether a literal value could be a real secret (not a placeholder, an auth method name or a path). */
export function couldBeSecret(written: string): boolean {
  return !(TRIVIAL.test(written.trim()) || PLACEHOLDER.test(written.trim()) || AUTH_METHOD.test(written.trim()) || FILE_PATH.test(written.trim()));
}

function literal(value: string): boolean {
  const v = value.replace(/\s+#.*$/, '').trim();
  return v !== '' && v !== '""' && v !== "''" && !ENV_REFERENCE.test(v) && couldBeSecret(v.replace(/^["']|["']$/g, ''));
}

function anyLiteral(re: RegExp, text: string): string | null {
  for (const m of text.matchAll(re)) if (literal(m[2]!)) return m[1]!;
  return null;
}

/** Variable names that hold secrets: a last word like PASSWORD, TOKEN, SECRET, or API_KEY, PRIVATE_KEY... */
export const SECRET_NAME = /(^|_)(PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|CREDENTIALS?|(API|SECRET|PRIVATE|ACCESS|ENCRYPTION|SIGNING|MASTER|AUTH|CLIENT|APP)_?KEY|AUTH)$/i;
/** Names ending like a secret that point at one or configure it (`DB_PASSWORD_FILE`, `TOKEN_TTL`). */
export const NOT_SECRET = /(_FILE|_PATH|_DIR|_URL_FILE|_LENGTH|_EXPIRY|_EXPIRE|_TTL|_ALGORITHM|_HEADER|_ENABLED|_REQUIRED)$/i;
/** A URL with a password in it (`postgres://app:s3cret@db/app`); group 1 is the password. */
export const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/:@\s]+:([^@/\s]+)@/i;
/** Client-bundle variables: built into the public JavaScript on purpose (Vite, Expo, Next.js, CRA, Nuxt, Gatsby, Vue CLI). */
const PUBLIC_BUILD_SETTING = /^(VITE_|EXPO_PUBLIC_|NEXT_PUBLIC_|REACT_APP_|NUXT_PUBLIC_|PUBLIC_|GATSBY_|VUE_APP_)/;

/**
 * The variables of an env file that hold a literal secret (`POSTGRES_PASSWORD=s3cret`,
 * `DATABASE_URL=postgres://u:pw@db`), in file order; none when it holds only settings: image names,
 * ports, public build settings (`VITE_API_URL`), empty or placeholder values.
 */
export const envSecretNames: (text: string) => string[] = memoByText(secretsOfEnv);

/** The first of envSecretNames, or null. */
export function envSecretName(text: string): string | null {
  return envSecretNames(text)[0] ?? null;
}

function secretsOfEnv(text: string): string[] {
  const out: string[] = [];
  for (const e of parseDotenv(text).entries) {
    const value = e.value.trim();
    if (!value || value.includes('$') || PUBLIC_BUILD_SETTING.test(e.name)) continue;
    const url = URL_WITH_PASSWORD.exec(value);
    if ((url && couldBeSecret(url[1]!)) || (SECRET_NAME.test(e.name) && !NOT_SECRET.test(e.name) && (couldBeSecret(value) || numberUnderSecretName(e.name, value)))) {
      if (!out.includes(e.name)) out.push(e.name);
    }
  }
  return out;
}

/**
 * `SECRET=1`, `PIN=0000`: a number under a secret's name is its value (field report 17), while
 * `ENABLE_AUTH=1` / `BASIC_AUTH=0` are switches — couldBeSecret() calls both trivial.
 */
function numberUnderSecretName(name: string, value: string): boolean {
  return /^\d+$/.test(value) && !/(^|_)AUTH$/i.test(name);
}

/** Example env files not named `.env*` (`env-example-relational`, `env.sample`, `example.env`): they document variables. */
export function isEnvDocName(baseName: string): boolean {
  const lower = baseName.toLowerCase();
  return !lower.startsWith('.env') && /(^|[-_.])env([-_.]|$)/.test(lower) && /(example|sample|template|dist|default)/.test(lower);
}

/** Env files by name (`.env`, `.env.production`, not the templates `.env.example`): their content decides whether they hold a secret. */
const ENV_TEMPLATE = /\.(example|sample|template|dist|defaults|tmpl|tpl)$/i;
export function isEnvFileName(baseName: string): boolean {
  const lower = baseName.toLowerCase();
  return lower === '.env' || (lower.startsWith('.env.') && !ENV_TEMPLATE.test(lower));
}

/** Config files whose content decides whether they hold a credential (lower-cased base names). */
export const CREDENTIAL_CONFIGS = ['.npmrc', '.yarnrc.yml'];

/**
 * Why a file judged by its content counts as a secret when slipway could not read it whole (larger
 * than the head it reads, or unreadable): what it holds past that is unknown, so it is never called clean.
 */
export function notReadWhole(what: string): string {
  return `${what} not read whole`;
}

/** What credential the file holds (`an npm token`), or null when its text has none; text null: not read whole. */
export function credentialIn(baseName: string, text: string | null): string | null {
  const name = baseName.toLowerCase();
  if (text === null) return CREDENTIAL_CONFIGS.includes(name) ? notReadWhole(`a ${name}`) : null;
  if (name === '.npmrc') {
    const key = anyLiteral(NPMRC, text);
    return key ? 'an npm token' : null;
  }
  if (name === '.yarnrc.yml') {
    const key = anyLiteral(YARNRC, text);
    return key ? 'a Yarn registry token' : null;
  }
  return null;
}
