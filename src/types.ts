// Plain data shared by every part of slipway: positions, findings, fixes, errors.

export type Severity = 'error' | 'warning' | 'info' | 'style';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'style'];
/** Lower rank = more severe. */
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/** 1-based line and column; `endColumn` is exclusive (as SARIF and ESLint). */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A replacement of text[start, end) by `text`, in UTF-16 offsets of the whole file. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Where in a built image a finding is (`slipway check --image`). */
export interface ImageLocation {
  /** The image as it was named. */
  ref: string;
  /** The layer: its index from the bottom, its diff id, and the (masked) instruction that made it. */
  layer?: number;
  digest?: string;
  createdBy?: string;
  /** The file inside the image. */
  path?: string;
}

export interface Finding extends Span {
  rule: string;
  aliases: string[];
  severity: Severity;
  file: string;
  message: string;
  fixable: boolean;
  /** Present when `fixable`; never serialised. */
  fix?: TextEdit[];
  /** Reported below its rule's level because it does not apply in full (a base image's missing HEALTHCHECK); never serialised. */
  capped?: boolean;
  /** For findings on a built image. */
  image?: ImageLocation;
}

/** A file that could not be read or parsed. */
export interface FileError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface CheckResult {
  findings: Finding[];
  errors: FileError[];
  /** Findings a suppression comment covers (the checklist shows their items as accepted); never reported. */
  suppressed?: Finding[];
}
