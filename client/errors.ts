/** The failures only a client of the engine meets: a year that does not answer yet, or no worker that answers. */
import { ServerError } from '../config/errors';

/** The server is there, but no worker answered for the year in time (none running, or all overloaded). */
export class EngineNotAnsweringError extends ServerError {}

/** The year was just started and is still working out its dates: asked again in a moment, it answers. */
export class YearBeingPlannedError extends ServerError {}
