/**
 * The Temporal Web UI's remote codec: the UI posts the payloads it shows to `<endpoint>/decode`, and gets
 * them back as the engine's data converter decodes them (gunzipped), so the year's state reads as JSON there
 * too. Gzip hides nothing, so the endpoint needs no session; it answers only the UI's own origins (CORS), which
 * a program can claim, so what it does is bounded: a request's payloads expand to MAX_DECODED_BYTES at most
 * (the data converter's own bound), and CODEC_DECODING requests decode at once, CODEC_WAITING more wait their
 * turn, the rest are turned away. At most CODEC_DECODING × MAX_DECODED_BYTES of decoded payloads are held.
 */
import type { Payload } from '@temporalio/common';
import { dataConverter } from '../worker/data-converter';

export const CODEC_PATH = '/codec';

interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

function fromJson(p: unknown): Payload {
  const { metadata = {}, data = '' } = (typeof p === 'object' && p !== null ? p : { data: null }) as { metadata?: unknown; data?: unknown };
  const entries = typeof metadata === 'object' && metadata !== null ? Object.entries(metadata) : undefined;
  if (!entries || !entries.every(([, v]) => typeof v === 'string') || typeof data !== 'string') {
    throw new Error('a payload is { metadata: { key: base64 }, data: base64 }');
  }
  return { metadata: Object.fromEntries(entries.map(([k, v]) => [k, Buffer.from(v as string, 'base64')])), data: Buffer.from(data, 'base64') };
}

function toJson(p: Payload): JsonPayload {
  const metadata = Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  return { metadata, data: Buffer.from(p.data ?? new Uint8Array()).toString('base64') };
}

export async function decodePayloads(payloads: unknown[]): Promise<JsonPayload[]> {
  let decoded = payloads.map(fromJson);
  for (const codec of [...(dataConverter.payloadCodecs ?? [])].reverse()) decoded = await codec.decode(decoded);
  return decoded.map(toJson);
}

/** A year's whole record, gzipped, can run to megabytes. */
export const MAX_CODEC_BODY = 16 * 1024 * 1024;
export const CODEC_DECODING = 2;
export const CODEC_WAITING = 8;


/** CORS headers for one of the UI's origins; undefined for any other. */
export function codecCors(origins: string[], origin: string | undefined): Record<string, string> | undefined {
  if (!origin || !origins.includes(origin)) return undefined;
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, X-Namespace, Authorization',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  };
}
