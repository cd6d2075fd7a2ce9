/**
 * The repository, whether this runs from its sources (jest), its build (dist/) or the benchmarks' (dist-bench/,
 * which holds a copy of package.json but never the lock file).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = ((dir: string): string => {
  while (!existsSync(path.join(dir, 'package-lock.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})(__dirname);
