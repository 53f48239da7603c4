// Whether a package-manager config file holds a credential, by its content: `.npmrc` and
// `.yarnrc.yml` are often committed with only settings (`legacy-peer-deps=true`, `nodeLinker`), and
// a token given as `${NPM_TOKEN}` is read from the environment, not from the file.

/** A value that is a reference to the environment (`${NPM_TOKEN}`, `"${TOKEN-}"`, `$TOKEN`), not a secret. */
const ENV_REFERENCE = /^["']?\$(\{[A-Za-z_][A-Za-z0-9_]*([:-][^}]*)?\}|[A-Za-z_][A-Za-z0-9_]*)["']?$/;

const NPMRC = /^\s*(?:\/\/[^\s=]*:)?(_authToken|_auth|_password)\s*=\s*(.*?)\s*$/gm;
const YARNRC = /^\s*(npmAuthToken|npmAuthIdent|npmPassword)\s*:\s*(.*?)\s*$/gm;

function literal(value: string): boolean {
  const v = value.replace(/\s+#.*$/, '').trim();
  return v !== '' && v !== '""' && v !== "''" && !ENV_REFERENCE.test(v);
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
