/**
 * The search for a ballot's secret (issue 25, "Secret"): anything written about a voted year, cut into the
 * smallest records it has (a JSON object's own keys and values, a log line, a spreadsheet row, a document's
 * paragraph or table row), and in each, a voter named next to the candidate it chose: no other unit between
 * them, a few words apart. That is how a pair is written: `{ "unitId": "so-d", "choice": ["so-a"] }`, a log line
 * "so-d → so-a", a row of two cells, a list of ballots "so-c: so-a, so-d: so-b".
 *
 * Lists of every unit in the plan's or the ranking's order also name units side by side; a test's secret pairs
 * are chosen so that none is such a neighbour, and its voters are not candidates: a candidate sits in every record
 * of the totals (`{ "so-a": 3, "so-b": 2 }`), which is no secret.
 */
import type { temporal } from '@temporalio/proto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { dataConverter } from '../../worker/data-converter';

/** A unit as it may be written: its id and its name. */
export type Unit = string[];
export interface SecretPair {
  voter: Unit;
  choice: Unit;
}

/** The records of a JSON value: each object's keys and primitive values, each array's primitive items. */
export function jsonRecords(value: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) {
      out.push(v.filter((x) => typeof x !== 'object' || x === null).map(String).join(' '));
      v.forEach(walk);
    } else if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v);
      const own = (x: unknown) => (Array.isArray(x) ? x.filter((y) => typeof y !== 'object' || y === null).map(String) : typeof x !== 'object' || x === null ? [String(x)] : []);
      out.push(entries.flatMap(([k, x]) => [k, ...own(x)]).join(' '));
      entries.forEach(([, x]) => walk(x));
    }
  };
  walk(value);
  return out.filter((r) => r.length > 0);
}

const isPayload = (v: unknown): v is Payload =>
  typeof v === 'object' && v !== null && 'data' in v && (v as Payload).data instanceof Uint8Array && 'metadata' in v;

/** A history with every payload decoded as the engine's data converter does (gunzipped, then JSON). */
export async function decodedHistory(history: temporal.api.history.v1.IHistory): Promise<unknown> {
  const decode = async (v: unknown): Promise<unknown> => {
    if (isPayload(v)) {
      let [p] = [v];
      for (const codec of [...(dataConverter.payloadCodecs ?? [])].reverse()) [p] = (await codec.decode([p as Payload])) as [Payload];
      return defaultPayloadConverter.fromPayload(p as Payload);
    }
    if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
    if (Array.isArray(v)) return Promise.all(v.map(decode));
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (x !== undefined && x !== null) out[k] = await decode(x);
      return out;
    }
    return v;
  };
  return decode(history);
}

/** How far apart two names may stand and still be read as one pair. */
const NEAR = 60;

/** The units a record names side by side, as "id|id" both ways round. */
function neighbours(record: string, units: Unit[]): Set<string> {
  const found = units.flatMap((unit) => unit.flatMap((token) => [...record.matchAll(new RegExp(token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))].map((m) => ({ id: unit[0], at: m.index, end: m.index + token.length }))));
  found.sort((a, b) => a.at - b.at);
  const out = new Set<string>();
  found.forEach((f, i) => {
    const next = found[i + 1];
    if (next && next.id !== f.id && next.at - f.end <= NEAR) out.add(`${f.id}|${next.id}`).add(`${next.id}|${f.id}`);
  });
  return out;
}

/** The pairs some record writes, as "voter → choice"; `units` are every unit of the bloc. */
export function pairsFound(records: string[], pairs: SecretPair[], units: Unit[]): string[] {
  const near = records.map((r) => neighbours(r, units));
  return [...new Set(pairs.filter((p) => near.some((n) => n.has(`${p.voter[0]}|${p.choice[0]}`))).map((p) => `${p.voter[0]} → ${p.choice[0]}`))];
}
