import { couldBeSecret } from '../../../parse/credentials.js';
import type { DockerfileRule, Report } from '../../types.js';
import { commandsOf } from '../helpers.js';
import { mask } from './util.js';
import { isSecretName } from './secret-in-arg-env.js';

/** Known token formats (gitleaks-style), each with a name for the message. */
const FORMATS: { name: string; re: RegExp }[] = [
  { name: 'an AWS access key id', re: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/ },
  { name: 'a GitHub token', re: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b/ },
  { name: 'a GitHub token', re: /\bgithub_pat_[A-Za-z0-9_]{22,}/ },
  { name: 'a GitLab token', re: /\bglpat-[A-Za-z0-9_-]{20,}/ },
  { name: 'a Slack token', re: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  { name: 'a Stripe secret key', re: /\b(?:sk|rk)_live_[A-Za-z0-9]{16,}/ },
  { name: 'a Google API key', re: /\bAIza[0-9A-Za-z_-]{35}/ },
  { name: 'an npm token', re: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { name: 'an OpenAI/Anthropic key', re: /\bsk-(?:proj-|ant-(?:api\d\d-)?)?[A-Za-z0-9_-]{32,}/ },
  { name: 'a private key', re: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY(?: BLOCK)?-----/ },
  { name: 'a JWT', re: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
];
/** What each of FORMATS needs in the text: most texts have none of it, and one test skips eleven. */
const FORMAT_MARKS = /AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|glpat-|xox|_live_|AIza|npm_|sk-|-----BEGIN|eyJ/;
/** `scheme://user:password@host` with a literal password. */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:([^\s/@$]+)@/i;

/** Shannon entropy in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

/** A random-looking token: ≥ 20 characters, lower, upper and digits, no hex digest, high entropy. */
export function looksRandom(s: string): boolean {
  if (s.length < 20 || !/^[A-Za-z0-9+/=_-]+$/.test(s) || s.startsWith('/') || s.includes('//')) return false;
  if (/^[0-9a-f]+$/i.test(s)) return false;
  if (nameLike(s)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(s)).length;
  if (classes < 3) return false;
  return entropy(s) >= 3.5;
}

/**
 * A name made of words (`pihole-FTL-musl-linux-x86_64`, `my_Service-v2`): separated parts that are each
 * one word, an acronym, a number or a word with a number. Random tokens mix cases inside their parts.
 */
function nameLike(s: string): boolean {
  const parts = s.split(/[-_.]+/).filter(Boolean);
  return parts.length >= 3 && parts.every((p) => /^([A-Z]+|[A-Z]?[a-z]+|[0-9]+|[a-z]+[0-9]+|[A-Z]+[0-9]+|v?[0-9]+[a-z]*)$/.test(p));
}

/** The secret in a text, if any: what it looks like, and the matched text. */
export function findSecret(text: string, random: boolean): { kind: string; match: string } | null {
  if (FORMAT_MARKS.test(text)) {
    for (const f of FORMATS) {
      const m = f.re.exec(text);
      if (m && !/example/i.test(m[0])) return { kind: f.name, match: m[0] };
    }
  }
  const u = text.includes('://') ? URL_CREDENTIALS.exec(text) : null;
  if (u && couldBeSecret(u[1]!) && !/^(password|pass|secret|token)$/i.test(u[1]!)) return { kind: 'a password in a URL', match: u[1]! };
  if (random) {
    for (const part of text.split(/[\s'"=:,;]+/)) {
      if (/^sha(1|256|384|512)-/i.test(part)) continue; // Subresource Integrity hashes
      if (looksRandom(part)) return { kind: 'a random-looking secret', match: part };
    }
  }
  return null;
}

/** Names whose values are digests, ids or versions: random-looking by nature, not secret. */
const DIGEST_NAMES = /(sha\d*|hash|checksum|digest|fingerprint|revision|commit|version|gpg|pgp|signature|integrity|(^|[._-])id)$/i;

/** Options whose value is a secret (`--password X`, `-p X`, `--token=X`). */
const SECRET_OPTIONS = /^--?(p|password|passwd|pass|token|api-key|apikey|secret|auth-token|access-token|client-secret)$/i;

export const secretValue: DockerfileRule = {
  meta: {
    id: 'secret-value',
    target: 'dockerfile',
    category: 'security',
    severity: 'error',
    aliases: [],
    title: 'A secret is written into the Dockerfile',
    description:
      'A token, key or password written in the Dockerfile is in version control and in the image (ENV and LABEL in its config, RUN lines in its history). Revoke it, then pass it at build time with `RUN --mount=type=secret` or at run time through the environment.',
    bad: 'FROM alpine:3.20\nENV GITHUB_TOKEN=ghp_Zq3mY8vKx2LbN4pRt6WsJ1uHc9DfGa7EoQiT\n',
    good: 'FROM alpine:3.20\nRUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN ./fetch-private-deps.sh\n',
    fixable: false,
    differs:
      'No anchor checks values (hadolint, BuildKit and trivy look at names only). Known formats (AWS, GitHub, GitLab, Slack, Stripe, Google, npm, OpenAI/Anthropic keys, private key blocks, JWTs, passwords in URLs) are found anywhere; random-looking strings only in ARG/ENV/LABEL values and after password/token options, so checksums and digests are not mistaken for secrets. The message never repeats the secret.',
  },
  check({ df, report }) {
    const seen = new Set<number>();
    const found = (start: number, end: number, where: string, s: { kind: string; match: string }, rawText: string): void => {
      const at = rawText.indexOf(s.match);
      const r: Report =
        at >= 0 ? { start: start + at, end: start + at + s.match.length } : { start, end };
      if (seen.has(r.start)) return;
      seen.add(r.start);
      report({
        ...r,
        message: `${where} contains ${s.kind} ('${mask(s.match)}'): it ends up in the repository and the image; revoke it and pass it with RUN --mount=type=secret or at run time`,
      });
    };
    for (const inst of df.instructions) {
      for (const h of inst.heredocs) {
        const s = findSecret(h.content, false);
        if (s) found(h.contentStart, h.contentStart + h.content.length, `${inst.keyword} <<${h.name}`, s, h.content);
      }
      if (inst.keyword === 'ARG' || inst.keyword === 'ENV' || inst.keyword === 'LABEL') {
        for (const p of inst.properties) {
          if (!p.value) continue;
          const s = findSecret(p.value, !DIGEST_NAMES.test(p.name));
          if (s) found(p.start, p.end, `${inst.keyword} ${p.name}`, s, df.text.slice(p.start, p.end));
        }
      } else if (inst.keyword === 'RUN' || inst.keyword === 'CMD' || inst.keyword === 'ENTRYPOINT' || inst.keyword === 'HEALTHCHECK') {
        for (const cmd of commandsOf(inst)) {
          for (const a of cmd.assigns) {
            if (!a.value) continue;
            const s = findSecret(a.value, isSecretName(a.name));
            if (s) found(cmd.start, cmd.end, `${inst.keyword} (${a.name}=…)`, s, df.text.slice(cmd.start, cmd.end));
          }
          // One look at all the words for a token format's mark or a URL (most commands have neither; no
          // mark spans the newlines): then only the words after a password option need a look of their own.
          const words = cmd.words;
          let joined = '';
          for (const w of words) if (w.value !== null) joined += `${w.value}\n`;
          const marked = FORMAT_MARKS.test(joined) || joined.includes('://');
          for (let i = 0; i < words.length; i++) {
            const w = words[i]!;
            if (w.value === null) continue;
            const prev = i > 0 ? (words[i - 1]!.value ?? '') : '';
            const eq = w.value.startsWith('-') ? /^(--?[A-Za-z-]+)=/.exec(w.value) : null;
            const random = (prev.startsWith('-') && SECRET_OPTIONS.test(prev)) || (eq !== null && SECRET_OPTIONS.test(eq[1]!));
            if (!marked && !random) continue;
            const s = findSecret(w.value, random);
            if (s) found(w.start, w.end, `${inst.keyword} (${cmd.program || 'command'})`, s, df.text.slice(w.start, w.end));
          }
        }
      }
    }
  },
};
