/** Whose sign-in attempts a request carries: the peer, or the client a trusted proxy names. */
import { clientAddress, trustedProxiesFromEnv } from '../../web/client-address';

const NGINX = trustedProxiesFromEnv({ BLOC_WEB_TRUSTED_PROXIES: '127.0.0.1, ::1' });

test('a trusted proxy names the client; the address Node reports for an IPv4 peer on a dual-stack socket is the same proxy', () => {
  expect(clientAddress('127.0.0.1', '203.0.113.7', NGINX)).toBe('203.0.113.7');
  expect(clientAddress('::ffff:127.0.0.1', '203.0.113.7', NGINX)).toBe('203.0.113.7');
  expect(clientAddress('::1', '2001:db8::7', NGINX)).toBe('2001:db8::7');
});

test('anyone else naming an address is not believed, nor is a proxy naming something that is not an address', () => {
  expect(clientAddress('198.51.100.9', '203.0.113.7', NGINX)).toBe('198.51.100.9');
  expect(clientAddress('127.0.0.1', '203.0.113.7', new Set())).toBe('127.0.0.1');
  expect(clientAddress('127.0.0.1', 'evil, 203.0.113.7', NGINX)).toBe('127.0.0.1');
  expect(clientAddress('127.0.0.1', undefined, NGINX)).toBe('127.0.0.1');
  expect(clientAddress(undefined, '203.0.113.7', NGINX)).toBe('unknown');
});

test('BLOC_WEB_TRUSTED_PROXIES: none unless set; a name that is not an address is refused, naming the variable', () => {
  expect(trustedProxiesFromEnv({})).toEqual(new Set());
  expect(() => trustedProxiesFromEnv({ BLOC_WEB_TRUSTED_PROXIES: '127.0.0.1,proxy.example.vn' })).toThrow(
    'BLOC_WEB_TRUSTED_PROXIES: "proxy.example.vn" không phải địa chỉ IP',
  );
});
