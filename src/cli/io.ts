// What a command may touch of the outside world; tests pass their own.

export interface CliIO {
  cwd: string;
  stdout: (s: string) => void;
  /**
   * Resolves true when standard output has taken what was written (a pipe's reader may lag: the rest
   * waits in memory), false once it is closed (the reader went away): write no more. Absent: never waits.
   */
  stdoutReady?: () => Promise<boolean>;
  stderr: (s: string) => void;
  /** Standard output is a terminal (colour, interactive questions). */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** Standard input; the process's reader stops after MAX_FILE_BYTES + 1 bytes (the caller reports it). */
  readStdin: () => Promise<string | Buffer>;
  /**
   * Standard input as the process's own file descriptor, for a program that takes it over
   * (`exec -i`/`-t`: ssh reads it, and puts a terminal in raw mode). Absent where there is none
   * to hand over (the language server).
   */
  stdin?: { fd: number; isTTY: boolean };
}
