// Project text that reaches generated files: a package.json `main`, a cmd/<dir> name, a script, a branch.
// Each value is checked (or quoted) for the language it lands in: .dockerignore lines, Dockerfile
// instructions, shell commands, YAML. What cannot be written safely is refused with a clear error.

export class UnsafeValueError extends Error {
  override name = 'UnsafeValueError';
}

/** Printable and unambiguous: the value as JSON, so a newline shows as \n, not as a new line. */
export function shown(value: string): string {
  return JSON.stringify(value);
}

/** A project name for a message: as it is when plain, else as JSON (control characters escaped). */
export function named(value: string): string {
  return /^[\w./@+:-]+$/.test(value) ? value : shown(value);
}

/**
 * A relative path that may appear in COPY, RUN, CMD and as a `.dockerignore` line as it is: letters,
 * digits and `._/@+-`, not starting with `-` or `/`, no `..` component. Anything else (spaces, newlines,
 * `!`, `#`, `*`, `$`, quotes) could add ignore patterns, instructions or shell commands.
 */
export function safePath(value: string, what: string, hint: string): string {
  const ok = /^[A-Za-z0-9._@+][A-Za-z0-9._/@+-]*$/.test(value) && !value.split('/').includes('..') && value.length <= 255;
  if (!ok)
    throw new UnsafeValueError(
      `${what} is ${shown(value)}: only letters, digits and ._/@+- can be written safely into the Dockerfile, .dockerignore and shell commands; ${hint}`,
    );
  return value;
}

/** A POSIX shell word: bare when it has only safe characters, else single-quoted. Newlines and NUL are refused. */
export function shellWord(value: string, what: string): string {
  if (/[\0\r\n]/.test(value)) throw new UnsafeValueError(`${what} is ${shown(value)}: a line break cannot be written into a Dockerfile RUN line`);
  if (/^[A-Za-z0-9._/@%+=:,-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A YAML double-quoted scalar (JSON strings are valid YAML): safe for any text as a key or value. */
export function yamlString(value: string): string {
  return JSON.stringify(value).replace(/[\u2028\u2029\u0085]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An environment variable name (ENV, compose `environment:` keys). */
export function envName(value: string, what: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) throw new UnsafeValueError(`${what} is ${shown(value)}: not a valid environment variable name`);
  return value;
}

/** An ENV value written bare in a Dockerfile: no spaces, quotes, `$`, backslashes or line breaks. */
export function envValue(value: string, what: string): string {
  if (!/^[A-Za-z0-9._/@:+,=-]*$/.test(value)) throw new UnsafeValueError(`${what} is ${shown(value)}: it cannot be written safely into an ENV instruction`);
  return value;
}

/** A git branch name that may appear in a workflow's YAML and in a GitHub expression string. */
export function branchName(value: string): string {
  if (!/^[A-Za-z0-9._/-]+$/.test(value) || value.includes('..') || value.startsWith('-'))
    throw new UnsafeValueError(`the default branch is ${shown(value)}: only letters, digits and ._/- can be written safely into the workflow`);
  return value;
}
