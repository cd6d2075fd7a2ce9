/** The console's keys (session, units' links) are random strings of at least this many characters. */
export const MIN_SECRET_LENGTH = 32;
