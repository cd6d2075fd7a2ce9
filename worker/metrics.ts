/**
 * Where the worker shows its metrics to Prometheus: the SDK's own (workflow and activity tasks, pollers, cache)
 * and the engine's (activities/mail-metrics.ts), at http://BLOC_METRICS_ADDRESS/metrics. Unset, nothing listens;
 * an address off this machine is the operator's to firewall.
 */
import { InputError } from '../config/errors';

/** `127.0.0.1:9464`, `[::1]:9464`, `0.0.0.0:9464`: a host and a port, as the SDK's exporter binds them. */
const ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]|localhost):(\d{1,5})$/;

export function metricsAddressFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const text = env.BLOC_METRICS_ADDRESS?.trim();
  if (!text) return undefined;
  const port = Number(ADDRESS.exec(text)?.[1] ?? Number.NaN);
  if (!(port >= 1 && port <= 65535)) {
    throw new InputError(`BLOC_METRICS_ADDRESS: cần địa chỉ và cổng, ví dụ 127.0.0.1:9464 / expected host:port, e.g. 127.0.0.1:9464`);
  }
  return text.replace(/^localhost:/, '127.0.0.1:');
}
