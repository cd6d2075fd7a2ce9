/** Jest's global setup for `npm run test:cluster`: the build, then Temporal's server and its SQL tool, provisioned once. */
import { ensureClusterServer } from '../../scripts/provision';
import { ensureBuilt } from './dist';

export default async function clusterSetup(): Promise<void> {
  const log = (line: string) => process.stderr.write(`\n${line}\n`);
  await ensureBuilt(log);
  await ensureClusterServer(log);
}
