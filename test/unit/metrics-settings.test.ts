/** BLOC_METRICS_ADDRESS: where the worker's Prometheus endpoint listens, or nowhere. */
import { metricsAddressFromEnv } from '../../worker/metrics';

test('unset or empty: no endpoint', () => {
  expect(metricsAddressFromEnv({})).toBeUndefined();
  expect(metricsAddressFromEnv({ BLOC_METRICS_ADDRESS: ' ' })).toBeUndefined();
});

test.each([
  ['127.0.0.1:9464', '127.0.0.1:9464'],
  ['0.0.0.0:9464', '0.0.0.0:9464'],
  ['[::1]:9464', '[::1]:9464'],
  ['localhost:9464', '127.0.0.1:9464'],
])('%s listens at %s', (given, bound) => {
  expect(metricsAddressFromEnv({ BLOC_METRICS_ADDRESS: given })).toBe(bound);
});

test.each(['9464', 'metrics.example.vn:9464', '127.0.0.1:0', '127.0.0.1:70000', 'http://127.0.0.1:9464'])('"%s" is refused, naming the variable', (given) => {
  expect(() => metricsAddressFromEnv({ BLOC_METRICS_ADDRESS: given })).toThrow('BLOC_METRICS_ADDRESS: cần địa chỉ và cổng, ví dụ 127.0.0.1:9464 / expected host:port');
});
