/**
 * Search attributes every bloc-year workflow keeps current, so that one visibility query
 * answers "which units are overdue, in every bloc" without touching the workflows themselves.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const BLOC_ID = defineSearchAttributeKey('BlocId', SearchAttributeType.KEYWORD);
export const BLOC_YEAR = defineSearchAttributeKey('BlocYear', SearchAttributeType.INT);
export const OVERDUE_COUNT = defineSearchAttributeKey('OverdueCount', SearchAttributeType.INT);
export const OVERDUE_UNITS = defineSearchAttributeKey('OverdueUnits', SearchAttributeType.KEYWORD_LIST);
export const NEXT_DEADLINE = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);

/** Name → type, as the operator service and `temporal server start-dev --search-attribute` want them. */
export const SEARCH_ATTRIBUTES = [BLOC_ID, BLOC_YEAR, OVERDUE_COUNT, OVERDUE_UNITS, NEXT_DEADLINE] as const;
