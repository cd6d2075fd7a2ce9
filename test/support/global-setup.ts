/**
 * Jest's global setup, once before any test file: the build that worker processes, CLI processes and every test
 * worker's bundle load, rebuilt if older than the sources; then both Temporal servers and GreenMail (the mailbox
 * tests' mail server), provisioned once rather than by two test files at a time.
 */
import { provisionServers, whyCannotProvision } from '../../scripts/provision';
import { ensureBuilt } from './dist';

export default async function globalSetup(): Promise<void> {
  const log = (line: string) => process.stderr.write(`\n${line}\n`);
  await ensureBuilt(log);
  // Where neither can be provisioned, each test file says so and falls back on the SDK's download (support/temporal.ts).
  const blocked = await Promise.all([whyCannotProvision('dev-server'), whyCannotProvision('test-server'), whyCannotProvision('greenmail')]);
  if (blocked.every((reason) => reason === undefined)) await provisionServers(log);
}
