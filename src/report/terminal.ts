// Project text on its way to a terminal: file names and file contents can carry escape sequences
// (`\e]0;title\a`, `\e[2K\r` to forge a line) or newlines that fake another line of output.

/** Control characters other than newline and tab shown as `\xNN`; bytes that were not UTF-8 as U+FFFD. */
export function safeForTerminal(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, hex).replace(/[\udc80-\udcff]/g, '\ufffd');
}

/** One line of output (a file name): newlines and tabs escaped too. */
export function safeLine(text: string): string {
  return safeForTerminal(text.replace(/[\n\t]/g, hex));
}

function hex(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\t') return '\\t';
  if (c === '\r') return '\\r';
  return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
}
