/**
 * The ballot's pure parts: the rule over whole votes, who a round elects and who goes to a second round, and the
 * seals the console makes (the same length whatever the choice; bound to their round; opened only with the key).
 */
import { randomBytes } from 'node:crypto';
import { choiceBits, seal, tally, unseal } from '../../client/ballot';
import { decideRound, meetsRule } from '../../workflows/ballot';
import { OPEN_ROUND } from '../support/fixtures';

const round = { workflowId: 'bloc-thu-nghiem-2049', titleId: 'co-thi-dua', round: 1 };
const view = OPEN_ROUND;

describe('the rule', () => {
  test('more than half of the units: 3 of 5, not 5 of 10', () => {
    const rule = { majorityOf: 'units' as const, moreThan: 0.5 };
    expect([meetsRule(rule, 3, 5), meetsRule(rule, 5, 10), meetsRule(rule, 6, 10)]).toEqual([true, false, true]);
  });
  test("at least two thirds of those voting: 6 of 9 exactly, where 0.6667 would miss it", () => {
    expect(meetsRule({ majorityOf: 'voters', atLeast: '2/3' }, 6, 9)).toBe(true);
    expect(meetsRule({ majorityOf: 'voters', atLeast: 0.6667 }, 6, 9)).toBe(false);
  });
  test('no rule: any vote counts', () => {
    expect([meetsRule(undefined, 0, 5), meetsRule(undefined, 1, 5)]).toEqual([false, true]);
  });
});

describe('who a round elects', () => {
  const rule = { majorityOf: 'units' as const, moreThan: 0.5 };
  const base = { units: 5, ballots: 5, rule, candidates: ['a', 'b', 'c'] };
  test('the most votes above the rule take the seats', () => {
    expect(decideRound({ ...base, seats: 1, votes: { a: 4, b: 1, c: 0 } })).toEqual({ elected: ['a'] });
    expect(decideRound({ ...base, seats: 2, votes: { a: 3, b: 5, c: 1 } })).toEqual({ elected: ['b', 'a'] });
  });
  test('a tie across the last seat sends the tied to a second round for the seats left', () => {
    expect(decideRound({ ...base, seats: 1, units: 4, ballots: 4, rule: { majorityOf: 'voters', atLeast: 0.5 }, votes: { a: 2, b: 2, c: 0 } })).toEqual({
      elected: [],
      runoff: { seats: 1, unitIds: ['a', 'b'] },
    });
    expect(decideRound({ ...base, seats: 2, rule: undefined, votes: { a: 5, b: 3, c: 3 } })).toEqual({ elected: ['a'], runoff: { seats: 1, unitIds: ['b', 'c'] } });
  });
  test('seats the rule leaves empty send the others to a second round', () => {
    expect(decideRound({ ...base, seats: 2, votes: { a: 4, b: 2, c: 2 } })).toEqual({ elected: ['a'], runoff: { seats: 1, unitIds: ['b', 'c'] } });
  });
  test('nobody left to choose from: no second round', () => {
    expect(decideRound({ ...base, candidates: ['a'], seats: 2, votes: { a: 5 } })).toEqual({ elected: ['a'] });
  });
});

describe('the seals', () => {
  const key = randomBytes(32);
  test('every choice of a round seals to the same length, and opens to itself with the key and round', () => {
    const choices = [[], ['so-a'], ['so-ke-hoach-dau-tu'], ['so-a', 'so-b']].map((c) => choiceBits(view, c));
    const sealed = choices.map((bits) => seal(key, round, bits));
    expect(new Set(sealed.map((s) => s.length)).size).toBe(1);
    expect(sealed.map((s) => unseal(key, round, s))).toEqual(choices);
    // The same choice twice seals differently (a random IV): equal ciphertexts say nothing.
    expect(seal(key, round, choices[1] as string)).not.toBe(sealed[1]);
  });
  test('a seal does not open under another key, in another round, or altered', () => {
    const sealed = seal(key, round, '100');
    expect(unseal(randomBytes(32), round, sealed)).toBeUndefined();
    expect(unseal(key, { ...round, round: 2 }, sealed)).toBeUndefined();
    expect(unseal(key, round, Buffer.from(Buffer.from(sealed, 'base64').map((b, i) => (i === 30 ? b ^ 1 : b))).toString('base64'))).toBeUndefined();
  });
  test('a choice of no candidate, twice the same, or more than the seats is refused naming the field', () => {
    expect(() => choiceBits(view, ['so-x'])).toThrow('choice: "so-x" không phải ứng viên của vòng này / not a candidate of this round');
    expect(() => choiceBits(view, ['so-a', 'so-a'])).toThrow(/^choice: một ứng viên được chọn hai lần/);
    expect(() => choiceBits(view, ['so-a', 'so-b', 'so-ke-hoach-dau-tu'])).toThrow(/^choice: chọn tối đa 2 ứng viên/);
  });
  test('the tally counts what opens; a ballot that does not open or chooses too many is not valid', () => {
    expect(tally(view, ['110', '010', undefined, '111', '000'])).toEqual({ valid: 3, votes: { 'so-a': 1, 'so-b': 2, 'so-ke-hoach-dau-tu': 0 } });
  });
});
