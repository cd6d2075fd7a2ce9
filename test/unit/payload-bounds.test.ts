/**
 * What a payload may expand to when the engine decodes it (worker/data-converter.ts), and the gate that bounds
 * how many decodes the console's codec endpoint runs at once (web/codec.ts).
 */
import type { Payload } from '@temporalio/common';
import { createGate } from '../../web/gate';
import { GzipPayloadCodec, MAX_DECODED_BYTES, PayloadTooLargeError } from '../../worker/data-converter';
import { gzipBomb, MiB } from '../support/gzip-bomb';

const bomb = (mebibytes: number): Payload => ({ metadata: { encoding: new TextEncoder().encode('binary/gzip') }, data: gzipBomb(mebibytes) });

/** A real payload of `bytes` JSON bytes, as the codec encodes it. */
function jsonPayload(bytes: number): Payload {
  return { metadata: { encoding: new TextEncoder().encode('json/plain') }, data: Buffer.from(JSON.stringify('x'.repeat(bytes - 2))) };
}

describe('the gzip payload codec', () => {
  const codec = new GzipPayloadCodec();

  it('round-trips a payload of several mebibytes', async () => {
    const original = jsonPayload(8 * MiB);
    const [encoded] = await codec.encode([original]);
    expect(encoded?.data?.length).toBeLessThan(MiB);
    const [decoded] = await codec.decode([encoded as Payload]);
    expect(Buffer.from(decoded?.data ?? []).equals(Buffer.from(original.data ?? []))).toBe(true);
  });

  it(`refuses a quarter-mebibyte payload that expands to 256 MiB, past the ${MAX_DECODED_BYTES / MiB} MiB bound`, async () => {
    const payload = bomb(256);
    expect(payload.data?.length).toBeLessThan(MiB / 2);
    await expect(codec.decode([payload])).rejects.toThrow(PayloadTooLargeError);
    await expect(codec.decode([payload])).rejects.toThrow(`payloads expand to more than ${MAX_DECODED_BYTES / MiB} MiB`);
  });

  it('bounds the payloads of one call together: two of 40 MiB are refused, one passes', async () => {
    const [one] = await codec.encode([jsonPayload(40 * MiB)]);
    await expect(codec.decode([one as Payload])).resolves.toHaveLength(1);
    await expect(codec.decode([one as Payload, one as Payload])).rejects.toThrow(PayloadTooLargeError);
  });

  it('passes payloads it did not encode through unchanged', async () => {
    const plain = jsonPayload(100);
    await expect(codec.decode([plain])).resolves.toEqual([plain]);
  });
});

describe('the codec endpoint’s gate', () => {
  it('lets two decode at once and eight wait; the eleventh is turned away; each leaving admits the next', async () => {
    const gate = createGate(2, 8);
    const entries = Array.from({ length: 11 }, () => gate.enter());
    expect(entries[10]).toBeUndefined();
    const admitted: number[] = [];
    entries.slice(0, 10).forEach((entry, i) => void entry?.then(() => admitted.push(i)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(admitted).toEqual([0, 1]);
    (await entries[0])?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(admitted).toEqual([0, 1, 2]);
    expect(gate.enter()).toBeDefined();
  });
});
