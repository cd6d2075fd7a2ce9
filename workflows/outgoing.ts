/**
 * Turns what the agenda owes into the data of an email: addresses, names and facts, never words.
 * The words are the mail activity's job.
 */
import type { Party } from '../config/schema';
import type { PlannedItem, RoleHolders, YearPlan } from '../calendar/types';
import type { Addressee, DigestRow, HandoverInfo, Notice, NoticeKind, OutgoingMessage, ScoringGap } from '../activities/types';
import type { DueMessage, Slot } from './agenda';
import { isoInZone } from './local-time';
import type { YearState } from './model';
import { adjustedCriteria, latestVersion, openCorrection, scoreStatus, unjustifiedClaims } from './ranking';
import { effectiveCutoff, isRetired, pendingDeclaration } from './status';
import { blocTerms } from '../config/terms';

function unitOf(state: YearState, unitId: string) {
  const unit = state.config.units.find((u) => u.id === unitId);
  if (!unit) throw new Error(`unknown unit ${unitId}`);
  return unit;
}

function partyName(state: YearState, roles: RoleHolders, party: Party): string {
  switch (party) {
    case 'leader':
      return unitOf(state, roles.leader).name;
    case 'deputy':
      return unitOf(state, roles.deputy).name;
    case 'board':
      return state.config.board.name;
    case 'secretariat':
      return state.config.secretariat.name;
  }
}

/** The plan's own words go along only when it has them, so that a bloc's every message does not carry the defaults. */
function blocOf(state: YearState): OutgoingMessage['bloc'] {
  const { id, name, province, language, timeZone, kind, terms } = state.config.bloc;
  return { id, name, province, language, timeZone, ...(kind && kind !== 'khoi' && { kind }), ...(terms && { terms }) };
}

function unitAddressee(state: YearState, unitId: string): Addressee {
  const unit = unitOf(state, unitId);
  return { kind: 'unit', unitId, name: unit.name, to: [...unit.emails], cc: [...unit.cc] };
}

function noticeOf(state: YearState, plan: YearPlan, item: PlannedItem, slot: Slot): Notice {
  return {
    key: slot.key,
    kind: slot.kind as NoticeKind,
    itemId: item.id,
    itemKind: item.kind,
    title: item.title,
    titleEn: item.titleEn,
    wording: item.wording,
    at: slot.effectiveAt,
    to: item.to.map((party) => ({ party, name: partyName(state, plan.roles, party) })),
    location: item.location,
    sequence: state.sequences[item.id] ?? 0,
    extended: Boolean(slot.unitId && state.extensions[item.id]?.[slot.unitId]),
    plannedAt: slot.plannedAt,
    ...(slot.unitId && (slot.kind === 'reminder' || slot.kind === 'followUp') && scoringGap(state, item, slot.unitId)),
  };
}

/** What the unit's self-score lacks, on the plan's scoring item only: nothing is added in a plan without a table. */
function scoringGap(state: YearState, item: PlannedItem, unitId: string): { scoring: ScoringGap } | undefined {
  if (state.config.scoring?.item !== item.id) return undefined;
  const status = scoreStatus(state, unitId);
  if (status === 'complete') return undefined;
  const own = state.scores?.[unitId];
  const latest = latestVersion(own);
  const asked = openCorrection(own);
  const unjustified = status === 'bonus-unjustified' || asked ? unjustifiedClaims(latest) : [];
  return {
    scoring: {
      status,
      ...(latest && { received: { version: latest.version, at: latest.receivedAt, ...(latest.reference && { reference: latest.reference }) } }),
      ...(unjustified.length > 0 && status !== 'not-sent' && { unjustified }),
      ...(asked && { correction: { reason: asked.reason, at: asked.at, ...(asked.criteria && { criteria: asked.criteria }) } }),
    },
  };
}

/** The leader and the secretariat (or whoever the items' rules escalate to). */
function digestAddressee(state: YearState, plan: YearPlan, items: PlannedItem[]): Addressee {
  const parties = new Set(items.flatMap((i) => i.rules.escalateTo));
  const to = new Set<string>();
  const names: string[] = [];
  for (const party of parties) {
    const emails = party === 'secretariat' ? state.config.secretariat.emails : unitOf(state, party === 'leader' ? plan.roles.leader : plan.roles.deputy).emails;
    emails.forEach((e) => to.add(e));
    names.push(partyName(state, plan.roles, party));
  }
  return { kind: 'digest', name: names.join(', '), to: [...to], cc: [] };
}

function digestRows(state: YearState, items: PlannedItem[], nowMs: number): DigestRow[] {
  const rows: DigestRow[] = [];
  for (const item of items) {
    const scored = state.config.scoring?.item === item.id;
    for (const unitId of item.units) {
      const dueAt = effectiveCutoff(state, item, unitId);
      if (isRetired(state, unitId) || !dueAt) continue;
      const row = { itemId: item.id, title: item.title, unitId, unitName: unitOf(state, unitId).name, dueAt };
      if (!state.submissions[item.id]?.[unitId]) {
        // A unit whose declaration awaits the secretariat is not named late: the console lists it to confirm.
        if (Date.parse(dueAt) < nowMs && !pendingDeclaration(state, item.id, unitId)) rows.push(scored ? { ...row, score: 'not-sent' } : row);
        continue;
      }
      // The scoring item: also the sheets in dispute, sent or not on time.
      const dispute = scored ? scoreDispute(state, unitId) : undefined;
      if (dispute) rows.push({ ...row, score: dispute });
    }
  }
  return rows;
}

function scoreDispute(state: YearState, unitId: string): DigestRow['score'] {
  if (!state.scores?.[unitId]) return undefined;
  const status = scoreStatus(state, unitId);
  if (status === 'bonus-unjustified' || status === 'corrections-asked') return status;
  return adjustedCriteria(state.scores[unitId]).length > 0 ? 'adjusted' : undefined;
}

export function buildMessage(
  state: YearState,
  plan: YearPlan,
  due: DueMessage,
  nowMs: number,
): OutgoingMessage {
  const itemsById = new Map(plan.items.map((i) => [i.id, i]));
  const base = { key: due.messageKey, bloc: blocOf(state), year: plan.year, asOf: isoInZone(nowMs, plan.timeZone) };
  if (due.addressee !== 'digest') {
    const notices = due.slots.map((slot) => noticeOf(state, plan, itemsById.get(slot.itemId) as PlannedItem, slot));
    return { ...base, addressee: unitAddressee(state, due.addressee), notices };
  }
  const items = due.slots.map((slot) => itemsById.get(slot.itemId) as PlannedItem);
  return {
    ...base,
    addressee: digestAddressee(state, plan, items),
    notices: [],
    digest: {
      rows: digestRows(state, items, nowMs),
      failures: state.pendingFailures.map((f) => {
        const unitName = state.config.units.find((u) => u.id === f.unitId)?.name;
        const plannedAt = state.log.find((e) => e.messageKey === f.messageKey)?.plannedAt;
        return { ...f, ...(unitName !== undefined && { unitName }), ...(plannedAt !== undefined && { plannedAt }) };
      }),
    },
  };
}


export function buildHandoverMessages(state: YearState, plan: YearPlan, next: RoleHolders, nowMs: number): OutgoingMessage[] {
  const item = plan.items.find((i) => i.kind === 'handover');
  const at = item?.at ?? isoInZone(nowMs, plan.timeZone);
  const handover: HandoverInfo = {
    fromYear: plan.year,
    toYear: plan.year + 1,
    newLeader: { id: next.leader, name: unitOf(state, next.leader).name },
    newDeputy: { id: next.deputy, name: unitOf(state, next.deputy).name },
  };
  return state.config.units.filter((unit) => !isRetired(state, unit.id)).map((unit) => ({
    key: `${plan.blocId}/${plan.year}/handover/${unit.id}`,
    bloc: blocOf(state),
    year: plan.year,
    asOf: isoInZone(nowMs, plan.timeZone),
    addressee: unitAddressee(state, unit.id),
    notices: [
      {
        key: `handover|${item?.id ?? 'handover'}|${unit.id}|${at}`,
        kind: 'handover',
        itemId: item?.id ?? 'handover',
        itemKind: 'handover',
        title: item?.title ?? `Chuyển giao ${blocTerms(state.config.bloc).vi.leader} năm ${plan.year + 1}`,
        titleEn: item?.titleEn,
        wording: item?.wording ?? '',
        at,
        to: [],
        sequence: state.sequences[item?.id ?? ''] ?? 0,
        extended: false,
        plannedAt: at,
      },
    ],
    handover,
  }));
}

/** The deputy takes the lead; the seat of deputy passes to the next unit in the rotation. */
export function nextRoles(state: YearState): RoleHolders {
  const everyone = state.config.roles.rotation?.length ? state.config.roles.rotation : state.config.units.map((u) => u.id);
  const order = everyone.filter((id) => !isRetired(state, id));
  const leader = state.roles.deputy;
  const start = order.indexOf(leader);
  for (let step = 1; step <= order.length; step++) {
    const candidate = order[(start + step + order.length) % order.length];
    if (candidate && candidate !== leader) return { leader, deputy: candidate };
  }
  return { leader, deputy: state.roles.leader };
}
