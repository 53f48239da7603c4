// Typed errors raised deep inside slipway; the CLI alone maps them to exit codes.

/** Bad command-line usage: exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A config file that cannot be read or does not fit the schema: exit 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
  /** `file:line:col: message`, as compilers print it. */
  describe(): string {
    const where = [this.file, this.line, this.column].filter((x) => x !== undefined).join(':');
    return where ? `${where}: ${this.message}` : this.message;
  }
}

/** Something outside slipway failed (docker, a registry, git, ssh): exit 2, message printed as is. */
export class OperationError extends Error {
  override name = 'OperationError';
}

export const EXIT = { clean: 0, findings: 1, error: 2 } as const;
