/**
 * The one layout every message shares. Templates describe a letter as plain strings (facts, notes,
 * tables); only this file writes HTML, and it escapes every value it writes, so no template can
 * forget to.
 */
import { escapeHtml, nfc } from '../text';
import type { Lang } from './words';

export interface Fact {
  label: string;
  value: string;
  /** The one fact the reader must not miss: the deadline status. */
  strong?: boolean;
}

export interface Table {
  head: string[];
  rows: string[][];
}

export interface Section {
  heading: string;
  facts: Fact[];
  notes?: string[];
  table?: Table;
}

export interface Letter {
  lang: Lang;
  /** The subject, repeated as the HTML title. */
  title: string;
  salutation: string;
  intro: string;
  sections: Section[];
  closing: string;
  signature: string[];
  footer: string[];
}

function textTable(t: Table): string[] {
  return [t.head.join(' | '), ...t.rows.map((r) => r.join(' | '))].map((l) => `   ${l}`);
}

function textSection(s: Section, index: number, numbered: boolean): string[] {
  return [
    numbered ? `${index + 1}. ${s.heading}` : s.heading,
    ...s.facts.map((f) => `   - ${f.label}: ${f.value}`),
    ...(s.notes ?? []).map((n) => `   ${n}`),
    ...(s.table ? textTable(s.table) : []),
  ];
}

export function renderText(l: Letter): string {
  const numbered = l.sections.length > 1;
  const blocks = [
    [l.salutation],
    [l.intro],
    ...l.sections.map((s, i) => textSection(s, i, numbered)),
    [l.closing, ...l.signature],
    ['-- ', ...l.footer],
  ];
  return nfc(blocks.map((b) => b.join('\n')).join('\n\n') + '\n');
}

const CELL = 'style="border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top"';

function htmlTable(t: Table): string {
  const head = t.head.map((h) => `<th ${CELL}>${escapeHtml(h)}</th>`).join('');
  const rows = t.rows.map((r) => `<tr>${r.map((c) => `<td ${CELL}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table style="border-collapse:collapse;margin:8px 0">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

function htmlSection(s: Section, index: number, numbered: boolean): string {
  const facts = s.facts
    .map((f) => {
      const value = f.strong ? `<strong>${escapeHtml(f.value)}</strong>` : escapeHtml(f.value);
      return `<tr><td style="padding:2px 12px 2px 0;color:#555;vertical-align:top">${escapeHtml(f.label)}</td><td style="padding:2px 0">${value}</td></tr>`;
    })
    .join('\n');
  return [
    `<h3 style="margin:16px 0 6px">${numbered ? `${index + 1}. ` : ''}${escapeHtml(s.heading)}</h3>`,
    s.facts.length > 0 ? `<table style="border-collapse:collapse">\n${facts}\n</table>` : '',
    ...(s.notes ?? []).map((n) => `<p style="margin:6px 0">${escapeHtml(n)}</p>`),
    s.table ? htmlTable(s.table) : '',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

export function renderHtml(l: Letter): string {
  const numbered = l.sections.length > 1;
  return nfc(
    [
      '<!DOCTYPE html>',
      `<html lang="${l.lang}">`,
      `<head><meta charset="utf-8"><title>${escapeHtml(l.title)}</title></head>`,
      '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#222">',
      `<p>${escapeHtml(l.salutation)}</p>`,
      `<p>${escapeHtml(l.intro)}</p>`,
      ...l.sections.map((s, i) => htmlSection(s, i, numbered)),
      `<p style="margin-top:16px">${escapeHtml(l.closing)}<br>${l.signature.map(escapeHtml).join('<br>')}</p>`,
      `<hr style="border:none;border-top:1px solid #ddd">`,
      `<p style="font-size:12px;color:#777">${l.footer.map(escapeHtml).join('<br>')}</p>`,
      '</body>',
      '</html>',
    ].join('\n') + '\n',
  );
}
