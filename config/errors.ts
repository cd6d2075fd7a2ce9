/**
 * The two kinds of failure every layer reports (the worker's and the mail's settings, the CLI, the console):
 * input a person can fix, and a server that failed. Each carries the exit code a script tells them apart by.
 */

/** Exit codes that let a script tell bad input from server trouble. */
export const EXIT_BAD_INPUT = 2;
export const EXIT_SERVER = 3;

/** Input a person can fix: a file, an argument, a unit or item that does not exist. */
export class InputError extends Error {
  readonly exitCode = EXIT_BAD_INPUT;
}

/** Settings read from the environment (SMTP, IMAP): one line per problem, `VARIABLE: lý do / reason`, all at once. */
export class EnvironmentProblems extends InputError {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** The Temporal server (or the SMTP server) could not be reached or failed. */
export class ServerError extends Error {
  readonly exitCode = EXIT_SERVER;
}
