/** Before a deadline: what, by when, how long is left, and where it goes. */
import type { Notice } from '../../types';
import { deadlineFacts } from './deadline-facts';
import type { Section } from './layout';
import { scoringNotes } from './scoring';
import { headingOf, type RenderContext } from './words';

/** On the scoring item, what the unit's self-score still lacks. */
export function reminderSection(notice: Notice, ctx: RenderContext): Section {
  const notes = scoringNotes(notice, ctx);
  return { heading: headingOf(notice, ctx.lang), facts: deadlineFacts(notice, ctx), ...(notes.length > 0 && { notes }) };
}
