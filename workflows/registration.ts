/**
 * The units' registration of titles (Quý II, "gửi hồ sơ đăng ký thi đua"): a declaration on the plan's
 * registration item (`registration: true`) that carries the titles. The declaration machinery does the rest:
 * its reminders stop while it waits, the secretariat confirms it (the item's submission, with the titles) or
 * returns it with a reason (`reviewDeclaration`), and a returned one can be sent again.
 */
import type { YearPlan } from '../calendar/types';
import { acceptDeclaration, type AcceptedDeclaration } from './declarations';
import type { DeclarationInput } from './messages';
import type { Declaration, YearState } from './model';
import { reject } from './refusal';

export interface RegistrationInput extends Omit<DeclarationInput, 'itemId'> {
  /** The ids of the titles (the plan's scoring.titles) the unit registers for. */
  titles: string[];
}

/** chưa gửi / chờ duyệt / trả lại / đã duyệt. */
export type RegistrationState = 'not-sent' | 'pending' | 'returned' | 'accepted';

export interface RegistrationView {
  unitId: string;
  name: string;
  state: RegistrationState;
  /** The latest registration's titles, document and answer. */
  titles: string[];
  sentOn?: string;
  reference?: string;
  reason?: string;
  /** How many times the unit has sent it. */
  sent: number;
}

export interface RegistrationsView {
  itemId: string;
  titles: { id: string; title: string }[];
  units: RegistrationView[];
}

/** The plan's registration item; undefined when the plan has none. */
export function registrationItemId(state: YearState): string | undefined {
  return state.config.items.find((i) => i.registration)?.id;
}

/** Checked as a declaration on the registration item, then its titles; `applyDeclaration` records it. */
export function acceptRegistration(plan: YearPlan, state: YearState, input: RegistrationInput, nowMs: number): AcceptedDeclaration {
  const itemId = registrationItemId(state);
  if (!itemId) reject('itemId', 'kế hoạch không có mục đăng ký thi đua (mục có "registration: true") / the plan has no registration item');
  const known = state.config.scoring?.titles ?? [];
  const titles: unknown = input?.titles;
  if (!Array.isArray(titles) || titles.length === 0) reject('titles', 'cần ít nhất một danh hiệu đăng ký / at least one title is required');
  for (const t of titles) {
    if (typeof t !== 'string' || !known.some((k) => k.id === t)) {
      reject('titles', `không có danh hiệu "${String(t)}" trong kế hoạch (${known.map((k) => k.id).join(', ') || 'chưa có danh hiệu nào'}) / no such title`);
    }
  }
  if (new Set(titles).size !== titles.length) reject('titles', 'một danh hiệu được ghi hai lần / a title is given twice');
  return { ...acceptDeclaration(plan, state, { ...input, itemId }, nowMs), titles: titles as string[] };
}

function stateOf(d: Declaration | undefined): RegistrationState {
  if (!d) return 'not-sent';
  if (!d.review) return 'pending';
  return d.review.decision === 'confirmed' ? 'accepted' : 'returned';
}

export function registrationsView(state: YearState): RegistrationsView | undefined {
  const itemId = registrationItemId(state);
  if (!itemId) return undefined;
  const byUnit = state.declarations?.[itemId] ?? {};
  return {
    itemId,
    titles: (state.config.scoring?.titles ?? []).map((t) => ({ id: t.id, title: t.title })),
    units: state.config.units
      .filter((u) => !state.retired?.[u.id])
      .map((u) => {
        const list = byUnit[u.id] ?? [];
        const latest = list[list.length - 1];
        return {
          unitId: u.id,
          name: u.name,
          state: stateOf(latest),
          titles: latest?.titles ?? [],
          ...(latest && { sentOn: latest.sentOn, reference: latest.reference }),
          ...(latest?.review?.decision === 'rejected' && latest.review.reason && { reason: latest.review.reason }),
          sent: list.length,
        };
      }),
  };
}

/** The units whose accepted registration names the title. */
export function registeredFor(state: YearState, titleId: string): string[] {
  return (registrationsView(state)?.units ?? []).filter((u) => u.state === 'accepted' && u.titles.includes(titleId)).map((u) => u.unitId);
}

export const REGISTRATION_STATE_VI: Record<RegistrationState, string> = {
  'not-sent': 'chưa gửi',
  pending: 'chờ duyệt',
  returned: 'trả lại',
  accepted: 'đã duyệt',
};
