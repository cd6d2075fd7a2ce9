/**
 * What a bloc is called, and its roles: a Khối or a Cụm by its kind, each word replaced by the plan's own
 * where it gives one. The bloc file's schema words its refusals with them, as do the year, its mail and pages.
 */
import { z } from 'zod';
import { nameSchema } from './bounded-text';

/** A province groups its agencies into blocs (khối) and clusters (cụm); the two differ only in what they are called. */
export const blocKindSchema = z.enum(['khoi', 'cum'], {
  error: 'phải là khoi (Khối) hoặc cum (Cụm) / must be khoi (bloc) or cum (cluster)',
});
export type BlocKind = z.infer<typeof blocKindSchema>;

/**
 * What the plan calls the bloc and its roles where the words `kind` gives do not fit, e.g. a province that
 * writes "Trưởng Cụm". Each word goes into headings and sentences as written, so it is one line.
 */
export const termsSchema = z.strictObject({
  bloc: nameSchema.optional(),
  leader: nameSchema.optional(),
  deputy: nameSchema.optional(),
  secretariat: nameSchema.optional(),
  blocEn: nameSchema.optional(),
  leaderEn: nameSchema.optional(),
  deputyEn: nameSchema.optional(),
  secretariatEn: nameSchema.optional(),
});
export type TermOverrides = z.infer<typeof termsSchema>;

/** What people call the bloc and its roles, in one language. */
export interface RoleWords {
  /** "Khối", "Cụm"; "bloc", "cluster". */
  bloc: string;
  leader: string;
  deputy: string;
  secretariat: string;
}

/** The words of a bloc in force for a year, from its `bloc.kind` and `bloc.terms`. */
export interface BlocTerms {
  vi: RoleWords;
  en: RoleWords;
}

const TERMS: Record<BlocKind, BlocTerms> = {
  khoi: {
    vi: { bloc: 'Khối', leader: 'Khối trưởng', deputy: 'Khối phó', secretariat: 'Thư ký Khối' },
    en: { bloc: 'bloc', leader: 'bloc leader', deputy: 'deputy leader', secretariat: 'bloc secretariat' },
  },
  cum: {
    vi: { bloc: 'Cụm', leader: 'Cụm trưởng', deputy: 'Cụm phó', secretariat: 'Thư ký Cụm' },
    en: { bloc: 'cluster', leader: 'cluster leader', deputy: 'deputy leader', secretariat: 'cluster secretariat' },
  },
};

/**
 * The words for the bloc and its roles: those of its kind, each replaced by the plan's own where it gives
 * one. Without a kind (a year recorded before the plan could name it) it is a Khối.
 */
export function blocTerms(bloc: { kind?: BlocKind; terms?: TermOverrides } = {}): BlocTerms {
  const { vi, en } = TERMS[bloc.kind ?? 'khoi'];
  const t = bloc.terms ?? {};
  return {
    vi: { bloc: t.bloc ?? vi.bloc, leader: t.leader ?? vi.leader, deputy: t.deputy ?? vi.deputy, secretariat: t.secretariat ?? vi.secretariat },
    en: { bloc: t.blocEn ?? en.bloc, leader: t.leaderEn ?? en.leader, deputy: t.deputyEn ?? en.deputy, secretariat: t.secretariatEn ?? en.secretariat },
  };
}
