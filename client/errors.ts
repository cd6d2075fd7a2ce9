/** Exit codes that let a script tell bad input from server trouble. */
export const EXIT_BAD_INPUT = 2;
export const EXIT_SERVER = 3;

/** Input a person can fix: a file, an argument, a unit or item that does not exist. */
export class InputError extends Error {
  readonly exitCode = EXIT_BAD_INPUT;
}

/** The Temporal server (or the SMTP server) could not be reached or failed. */
export class ServerError extends Error {
  readonly exitCode = EXIT_SERVER;
}

/** The server is there, but no worker answered for the year in time (none running, or all overloaded). */
export class EngineNotAnsweringError extends ServerError {}

/** The year was just started and is still working out its dates: asked again in a moment, it answers. */
export class YearBeingPlannedError extends ServerError {}
