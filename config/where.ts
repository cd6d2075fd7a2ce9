/**
 * Where a problem lies in a bloc file, said two ways: `units[2].emails[0]` for programs and JSON files,
 * and `đơn vị "so-tu-phap" (thứ 3), emails thứ 1` for the person editing YAML, who counts from one and
 * knows a unit by its id rather than by its index. Pure: the web console can word its own errors with it.
 */

/** `units[2].emails[0]` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : `${i === 0 ? '' : '.'}${String(seg)}`))
    .join('');
}

/** The value at `path` in a document not yet validated; undefined where the path leads nowhere. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const seg of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[seg];
  }
  return node;
}

/** Long enough to recognise a value, short enough that a pasted paragraph does not become the message. */
const VALUE_CHARS = 60;

/** The first VALUE_CHARS characters of a text the file wrote, marked when cut. */
export function cut(text: string): string {
  const chars = [...text];
  return chars.length > VALUE_CHARS ? `${chars.slice(0, VALUE_CHARS).join('')}…` : text;
}

/** What would break a line of output: C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
const LINE_BREAKERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Each character that would break the line written as an escape (`\n`, `\u0085`): a message about a
 * file stays one line whatever the file holds. JSON.stringify escapes only the C0 controls.
 */
export function escapeLineBreakers(text: string): string {
  return text.replace(LINE_BREAKERS, (c) => {
    const json = JSON.stringify(c);
    return json.length > 3 ? json.slice(1, -1) : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/**
 * A value as a person can find it in the file: text quoted and escaped, numbers and true/false as
 * written. Nothing for a list, a mapping or an empty value: the message says what is wrong with those.
 */
export function shownValue(value: unknown): string | undefined {
  if (typeof value === 'string') return escapeLineBreakers(JSON.stringify(cut(value)));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The lists whose elements a person knows by a field of their own rather than by their position. */
const NAMED_ELEMENTS: { list: string; name: (element: unknown, position: number) => string }[] = [
  { list: 'units', name: (e, n) => byId('đơn vị', e, n) },
  { list: 'items', name: (e, n) => byId('mục', e, n) },
  {
    list: 'calendar.decisions',
    name: (e, n) => {
      const year = valueAt(e, ['year']);
      return typeof year === 'number' ? `quyết định năm ${year} (thứ ${n})` : `quyết định thứ ${n}`;
    },
  },
  // The scoring table: a group, a criterion and a title are known by their codes (`tiêu chí "I.3" (thứ 3)`).
  { list: 'scoring.groups', name: (e, n) => byField('nhóm', 'code', e, n) },
  { list: 'scoring.groups.criteria', name: (e, n) => byField('tiêu chí', 'code', e, n) },
  { list: 'scoring.titles', name: (e, n) => byId('danh hiệu', e, n) },
];

function byId(noun: string, element: unknown, position: number): string {
  return byField(noun, 'id', element, position);
}

function byField(noun: string, field: string, element: unknown, position: number): string {
  const id = valueAt(element, [field]);
  return typeof id === 'string' && id !== '' ? `${noun} ${JSON.stringify(cut(id))} (thứ ${position})` : `${noun} thứ ${position}`;
}

/**
 * `units[2].emails[0]` → `đơn vị "so-tu-phap" (thứ 3), emails thứ 1`; `items[4].due.before` →
 * `mục "bao-cao-6-thang" (thứ 5), due.before`. Keys stay as the file writes them; positions count from one;
 * each element of a list starts a new part.
 */
export function describePath(path: readonly PropertyKey[], data: unknown): string {
  const parts: string[] = [];
  let keys: string[] = [];
  /** The keys from the top, without positions: `scoring.groups.criteria`. */
  const lists: string[] = [];
  path.forEach((seg, i) => {
    if (typeof seg !== 'number') {
      keys.push(String(seg));
      lists.push(String(seg));
      return;
    }
    const list = keys.join('.');
    const named = NAMED_ELEMENTS.find((n) => n.list === lists.join('.'));
    parts.push(named ? named.name(valueAt(data, path.slice(0, i + 1)), seg + 1) : `${list && `${list} `}thứ ${seg + 1}`);
    keys = [];
  });
  if (keys.length > 0) parts.push(keys.join('.'));
  return parts.join(', ');
}
