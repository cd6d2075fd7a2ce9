/**
 * The matrix's body rendered once per view, language and filter, for every reader of it: a full office reading
 * the same year between two records is served one rendering (bench/CONSOLE.md). A view the console remembers
 * (client/year-page-cache.ts) is the same object for each of them; a view read afresh is a new one, so nothing
 * rendered from an older record is ever shown, and a view forgotten takes its renderings with it.
 */
import type { YearPage } from '../../client/year-page';
import type { Lang } from '../lang';
import type { Html } from '../pages/layout';
import { matrixBody, type MatrixFilter } from '../pages/matrix';

export class MatrixBodies {
  private readonly rendered = new WeakMap<YearPage['view'], Map<string, Html>>();

  constructor(private readonly liveMs: number) {}

  of(lang: Lang, { view, schedule, stage }: YearPage, filter: MatrixFilter): Html {
    // A matrix judged at an instant asked for, or filtered by an item the year does not have, is rendered for
    // its request alone: what a URL can vary without bound is not kept.
    const kept = filter.at === undefined && (filter.itemId === undefined || view.items.some((i) => i.id === filter.itemId));
    if (!kept) return matrixBody(lang, view, schedule, stage, filter, this.liveMs);
    let byReading = this.rendered.get(view);
    if (!byReading) this.rendered.set(view, (byReading = new Map()));
    const key = `${lang} ${filter.onlyOverdue} ${filter.itemId ?? ''}`;
    let body = byReading.get(key);
    if (body === undefined) byReading.set(key, (body = matrixBody(lang, view, schedule, stage, filter, this.liveMs)));
    return body;
  }
}
