/** A CLI command. `run` returns the exit status; throw `UsageError`/`InputError` for bad input (exit 2). */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

/** Bad input from the user (a bad file, a bad flag): one line on stderr and exit status 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
