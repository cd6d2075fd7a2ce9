/**
 * Payloads are compressed on the wire and in history. A large bloc's year carries its whole record
 * (every submission, every email in the reminder log) across continue-as-new, and sends its mail in
 * batches: as JSON these outgrow the server's 2 MB payload limit and gRPC's 4 MB message limit long
 * before the year ends; gzipped, they shrink about tenfold. Workers, clients and replays all use this
 * converter; payloads without its encoding (older histories) pass through unchanged.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

const ENCODING = 'binary/gzip';
/** Below this, compression saves nothing worth the CPU. */
const MIN_BYTES = 1024;

const encoding = new TextEncoder().encode(ENCODING);
const isGzipped = (p: Payload) => p.metadata?.encoding !== undefined && Buffer.from(p.metadata.encoding).toString() === ENCODING;

export class GzipPayloadCodec implements PayloadCodec {
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if ((payload.data?.length ?? 0) < MIN_BYTES) return payload;
      const whole = temporal.api.common.v1.Payload.encode(payload).finish();
      return { metadata: { encoding }, data: gzipSync(whole) };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) =>
      isGzipped(payload) && payload.data ? temporal.api.common.v1.Payload.decode(gunzipSync(payload.data)) : payload,
    );
  }
}

export const dataConverter: DataConverter = { payloadCodecs: [new GzipPayloadCodec()] };
