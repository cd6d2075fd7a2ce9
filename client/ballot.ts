/**
 * The secret ballot's keys and seals, held where the console (or the CLI beside it) runs and never sent to
 * Temporal. Opening a round makes its key (AES-256-GCM, 32 random bytes in a file of mode 0600); a vote is the
 * choice sealed under it with a random IV; closing opens the sealed ballots, sends the totals alone, deletes
 * the key, and opens the second round the result calls for. The history then holds only ciphertexts under a key that no longer exists (docs/ballot.md).
 *
 * A choice is sealed as one '0' or '1' per candidate of the round, in the round's order, so that every ballot of
 * a round has the same length whatever it chose.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { annulBallotRound, ballotQuery, castVote, closeBallotRound, openBallotRound, sealedBallotsQuery, type AnnulRoundInput, type BallotRoundView } from '../workflows/conference-messages';
import type { LinkOrigin } from '../workflows/model';
import { InputError } from '../config/errors';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Where the rounds' keys are kept: BLOC_BALLOT_KEY_DIR, or data/ballot-keys beside the console's uploads. */
export function ballotKeyDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.BLOC_BALLOT_KEY_DIR ?? join('data', 'ballot-keys');
}

interface RoundRef {
  workflowId: string;
  titleId: string;
  round: number;
}

const keyFile = (dir: string, r: RoundRef) => join(dir, `${r.workflowId}.${r.titleId}.${r.round}.key`);
/** Bound to its round: a ballot copied into another round, title or year does not open. */
const aad = (r: RoundRef) => Buffer.from(`${r.workflowId}/${r.titleId}/${r.round}`);

export function createRoundKey(dir: string, r: RoundRef): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // 'wx': a key already there belongs to a round opened before; it is never replaced.
  writeFileSync(keyFile(dir, r), randomBytes(32), { mode: 0o600, flag: 'wx' });
}

function readRoundKey(dir: string, r: RoundRef): Buffer {
  try {
    return readFileSync(keyFile(dir, r));
  } catch {
    // The directory is not named: a unit's page shows this too.
    throw new InputError(`khóa của vòng ${r.round} ("${r.titleId}") không có trên máy này; phiếu chỉ mở được nơi đã mở vòng / the round's key is not on this machine`);
  }
}

export function deleteRoundKey(dir: string, r: RoundRef): void {
  rmSync(keyFile(dir, r), { force: true });
}

export function seal(key: Buffer, r: RoundRef, bits: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(r));
  const body = Buffer.concat([cipher.update(bits, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The choice's bits, or undefined for a ballot that does not open under this key and round. */
export function unseal(key: Buffer, r: RoundRef, sealed: string): string | undefined {
  const raw = Buffer.from(sealed, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(aad(r));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** A choice as bits over the round's candidates; refused, naming the field, when it is no choice of this round. */
export function choiceBits(round: BallotRoundView, choice: string[]): string {
  for (const id of choice) {
    if (!round.candidates.some((c) => c.unitId === id)) throw new InputError(`choice: "${id}" không phải ứng viên của vòng này / not a candidate of this round`);
  }
  if (new Set(choice).size !== choice.length) throw new InputError('choice: một ứng viên được chọn hai lần / a candidate is chosen twice');
  if (choice.length > round.seats) throw new InputError(`choice: chọn tối đa ${round.seats} ứng viên / choose at most ${round.seats}`);
  return round.candidates.map((c) => (choice.includes(c.unitId) ? '1' : '0')).join('');
}

/** The totals of the sealed ballots: a ballot that does not open, or chooses more than the seats, is not valid. */
export function tally(round: BallotRoundView, bits: (string | undefined)[]): { valid: number; votes: Record<string, number> } {
  const votes = Object.fromEntries(round.candidates.map((c) => [c.unitId, 0]));
  let valid = 0;
  for (const b of bits) {
    const chosen = b !== undefined && b.length === round.candidates.length && /^[01]*$/.test(b) ? round.candidates.filter((_, i) => b[i] === '1') : undefined;
    if (!chosen || chosen.length > round.seats) continue;
    valid += 1;
    for (const c of chosen) votes[c.unitId] = (votes[c.unitId] ?? 0) + 1;
  }
  return { valid, votes };
}

async function roundOf(handle: WorkflowHandle, titleId: string, round: number): Promise<BallotRoundView> {
  const found = (await handle.query(ballotQuery)).find((r) => r.titleId === titleId && r.round === round);
  if (!found) throw new InputError(`round: danh hiệu "${titleId}" không có vòng ${round} / no such round`);
  return found;
}

/** Opens the title's next round with a new key; a round the year refuses leaves no key behind. */
export async function openRound(handle: WorkflowHandle, dir: string, input: { titleId: string; candidates?: string[] }): Promise<BallotRoundView> {
  const round = (await handle.query(ballotQuery)).filter((r) => r.titleId === input.titleId).length + 1;
  const ref = { workflowId: handle.workflowId, titleId: input.titleId, round };
  createRoundKey(dir, ref);
  try {
    return await handle.executeUpdate(openBallotRound, { args: [{ ...input, round }] });
  } catch (err) {
    deleteRoundKey(dir, ref);
    throw err;
  }
}

export async function vote(handle: WorkflowHandle, dir: string, input: { titleId: string; round: number; unitId: string; choice: string[]; via?: LinkOrigin }): Promise<{ voters: number }> {
  const round = await roundOf(handle, input.titleId, input.round);
  const ref = { workflowId: handle.workflowId, titleId: input.titleId, round: input.round };
  const sealed = seal(readRoundKey(dir, ref), ref, choiceBits(round, input.choice));
  const { titleId, round: number, unitId, via } = input;
  return handle.executeUpdate(castVote, { args: [{ titleId, round: number, unitId, sealed, ...(via && { via }) }] });
}

/** A closed round, and the next it called for (a tie on the last seat, seats left empty), opened with its own key. */
export interface Closed {
  closed: BallotRoundView;
  next?: BallotRoundView;
}

async function andTheNext(handle: WorkflowHandle, dir: string, closed: BallotRoundView): Promise<Closed> {
  return closed.closed?.runoff ? { closed, next: await openRound(handle, dir, { titleId: closed.titleId }) } : { closed };
}

/** Counts the sealed ballots, closes the round with the totals, then forgets the key. */
export async function closeSealed(handle: WorkflowHandle, dir: string, titleId: string, round: number): Promise<Closed> {
  const view = await roundOf(handle, titleId, round);
  const ref = { workflowId: handle.workflowId, titleId, round };
  const key = readRoundKey(dir, ref);
  const sealed = await handle.query(sealedBallotsQuery, { titleId, round });
  const { valid, votes } = tally(view, sealed.map((s) => unseal(key, ref, s)));
  // The year refuses these totals if a ballot arrived after they were counted: the number cast must match.
  const closed = await handle.executeUpdate(closeBallotRound, { args: [{ titleId, round, source: 'sealed', ballots: sealed.length, valid, votes }] });
  deleteRoundKey(dir, ref);
  return andTheNext(handle, dir, closed);
}

/** The paper ballots' count closes the round; no sealed ballot needs the key. */
export async function closePaper(handle: WorkflowHandle, dir: string, input: { titleId: string; round: number; ballots: number; valid: number; votes: Record<string, number> }): Promise<Closed> {
  const closed = await handle.executeUpdate(closeBallotRound, { args: [{ ...input, source: 'paper' }] });
  deleteRoundKey(dir, { workflowId: handle.workflowId, titleId: input.titleId, round: input.round });
  return andTheNext(handle, dir, closed);
}

/** Ends a round without a count (its key lost, or the room chose paper); the key, if here, goes with it. */
export async function annulRound(handle: WorkflowHandle, dir: string, input: AnnulRoundInput): Promise<BallotRoundView> {
  const annulled = await handle.executeUpdate(annulBallotRound, { args: [input] });
  deleteRoundKey(dir, { workflowId: handle.workflowId, titleId: input.titleId, round: input.round });
  return annulled;
}
