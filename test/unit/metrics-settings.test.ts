/** BLOC_METRICS_ADDRESS: where the worker's Prometheus endpoint listens, or nowhere; BLOC_CENSUS_SECONDS: how often it counts years. */
import { censusSecondsFromEnv } from '../../worker/census';
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

test('BLOC_CENSUS_SECONDS: a minute unless set; whole seconds from 10 to 3600, else refused naming the variable', () => {
  expect(censusSecondsFromEnv({})).toBe(60);
  expect(censusSecondsFromEnv({ BLOC_CENSUS_SECONDS: ' 15 ' })).toBe(15);
  for (const given of ['5', '3601', '1.5', 'phút']) {
    expect(() => censusSecondsFromEnv({ BLOC_CENSUS_SECONDS: given })).toThrow(`BLOC_CENSUS_SECONDS: cần số giây nguyên từ 10 đến 3600, nhận "${given}"`);
  }
});
