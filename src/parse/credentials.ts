// Whether a value could be a secret (not a placeholder, an auth method name or a path), and whether a
// package-manager config file holds a credential, by its content: `.npmrc` and
// `.yarnrc.yml` are often committed with only settings (`legacy-peer-deps=true`, `nodeLinker`), and
// a token given as `${NPM_TOKEN}` is read from the environment, not from the file.

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

/** Config files whose content decides whether they hold a credential (lower-cased base names). */
export const CREDENTIAL_CONFIGS = ['.npmrc', '.yarnrc.yml'];

/** What credential the file holds (`an npm token`), or null when its text has none. */
export function credentialIn(baseName: string, text: string): string | null {
  const name = baseName.toLowerCase();
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
