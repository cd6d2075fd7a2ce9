/** Before a deadline: what, by when, how long is left, and where it goes. */
import type { Notice } from '../../types';
import { deadlineFacts } from './deadline-facts';
import type { Section } from './layout';
import { headingOf, type RenderContext } from './words';

export function reminderSection(notice: Notice, ctx: RenderContext): Section {
  return { heading: headingOf(notice, ctx.lang), facts: deadlineFacts(notice, ctx) };
}
