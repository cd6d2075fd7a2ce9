/** The console's keys (session, units' links) are random strings of at least this many characters. */
export const MIN_SECRET_LENGTH = 32;

/** An account's name: lower-case letters without diacritics, digits and hyphens (the CLI, the console, the year's records). */
export const ACCOUNT_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
