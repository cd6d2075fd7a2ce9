/**
 * Payloads are compressed on the wire and in history. A large bloc's year carries its whole record
 * (every submission, every email in the reminder log) across continue-as-new, and sends its mail in
 * batches: as JSON these outgrow the server's 2 MB payload limit and gRPC's 4 MB message limit long
 * before the year ends; gzipped, they shrink about tenfold. Workers, clients and replays all use this
 * converter; payloads without its encoding (older histories) pass through unchanged.
 *
 * Decoding is bounded: whoever can hand the worker a payload (any client of the namespace) or post one to the
 * console's codec endpoint could otherwise send a few hundred kilobytes that expand to gigabytes.
 */
import { promisify } from 'node:util';
import { gunzip, gzipSync } from 'node:zlib';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

const ENCODING = 'binary/gzip';
/** Below this, compression saves nothing worth the CPU. */
const MIN_BYTES = 1024;
/**
 * What the payloads of one call may expand to, together. The server refuses a payload over 2 MB, and the
 * recorded years' payloads shrink at most 15.5-fold (test/histories, 30 KB at the largest): a real payload stays
 * under about 31 MB, and 64 MiB is twice that.
 */
export const MAX_DECODED_BYTES = 64 * 1024 * 1024;

const inflate = promisify(gunzip);
const encoding = new TextEncoder().encode(ENCODING);
const isGzipped = (p: Payload) => p.metadata?.encoding !== undefined && Buffer.from(p.metadata.encoding).toString() === ENCODING;

/** Payloads that would expand past MAX_DECODED_BYTES: refused before more than that is held. */
export class PayloadTooLargeError extends Error {
  constructor() {
    super(`payloads expand to more than ${MAX_DECODED_BYTES / 1024 / 1024} MiB / giải nén quá ${MAX_DECODED_BYTES / 1024 / 1024} MiB`);
    this.name = 'PayloadTooLargeError';
  }
}

export class GzipPayloadCodec implements PayloadCodec {
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if ((payload.data?.length ?? 0) < MIN_BYTES) return payload;
      const whole = temporal.api.common.v1.Payload.encode(payload).finish();
      return { metadata: { encoding }, data: gzipSync(whole) };
    });
  }

  /** Off the event loop (zlib's thread pool), each payload allowed only what the others left of the budget. */
  async decode(payloads: Payload[]): Promise<Payload[]> {
    let budget = MAX_DECODED_BYTES;
    const decoded: Payload[] = [];
    for (const payload of payloads) {
      if (!isGzipped(payload) || !payload.data) {
        decoded.push(payload);
        continue;
      }
      if (budget < 1) throw new PayloadTooLargeError();
      const whole = await inflate(payload.data, { maxOutputLength: budget }).catch((err: NodeJS.ErrnoException) => {
        throw err.code === 'ERR_BUFFER_TOO_LARGE' ? new PayloadTooLargeError() : err;
      });
      budget -= whole.length;
      decoded.push(temporal.api.common.v1.Payload.decode(whole));
    }
    return decoded;
  }
}

export const dataConverter: DataConverter = { payloadCodecs: [new GzipPayloadCodec()] };
