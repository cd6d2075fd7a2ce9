/** Jest's global setup: the build that worker processes, CLI processes and every test worker's bundle load, fresh. */
import { ensureBuilt } from './dist';

export default async function globalSetup(): Promise<void> {
  await ensureBuilt((line) => process.stderr.write(`\n${line}\n`));
}
