// POSIX shell quoting: turning an argv back into one command line that any POSIX sh (dash,
// bash, busybox ash) splits into exactly the same words. Used to print commands (dry run,
// errors) and by remote executors, where ssh hands one string to the remote shell.

import { type Arg, type Argv, REDACTED, isSensitive, revealArg } from './sensitive.js';

// Words made only of these need no quotes in any POSIX shell (no globbing, expansion,
// word splitting, comments or tilde: `#` and `~` only matter at a word's start, but keep it simple).
const SAFE = /^[A-Za-z0-9_./:=@%+,-]+$/;

/** One word, quoted so that the shell reads it back unchanged. */
export function shellQuote(word: string): string {
  if (word.includes('\0')) throw new Error('a command argument cannot contain a NUL byte');
  if (SAFE.test(word)) return word;
  // Inside single quotes nothing is special except the closing quote: end the quoted
  // run, add an escaped quote, start a new run.
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface JoinOptions {
  /** Put secrets' real values in the line (only for a line that goes to a shell, never to a log). */
  reveal?: boolean;
}

/** An argv as one shell command line; secrets print as [REDACTED] unless reveal is set. */
export function joinShell(argv: Argv, opts: JoinOptions = {}): string {
  return argv.map((a) => quoteArg(a, opts.reveal ?? false)).join(' ');
}

function quoteArg(a: Arg, reveal: boolean): string {
  if (isSensitive(a) && !reveal) return REDACTED;
  return shellQuote(revealArg(a));
}
