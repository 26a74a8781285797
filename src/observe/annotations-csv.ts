import { ToolError } from '../errors.js';
import { ANNOTATION_KINDS, type AnnotationKind, type NewAnnotation } from './store/store.js';

/** The columns of a technician's log (`annotate --import notes.csv`); the first four are required. */
export const CSV_COLUMNS = ['station', 'at', 'kind', 'text', 'until', 'author'] as const;

/**
 * Reads a technician's log: a header row naming the columns (any order, case-insensitive), then
 * one observation per row; RFC 4180 quoting ("a, b" and "" for a quote). A bad row stops the
 * import with one line naming the file, the line and the column: nothing is half imported.
 */
export function parseAnnotationsCsv(text: string, file: string): NewAnnotation[] {
  const rows = csvRows(text.replace(/^\uFEFF/, ''), file);
  const header = rows.shift();
  if (!header) throw new ToolError('ERR_INVALID_CONFIG', `${file}: empty, a header row is needed (${CSV_COLUMNS.join(',')})`);
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  for (const required of CSV_COLUMNS.slice(0, 4)) {
    if (!names.includes(required)) throw new ToolError('ERR_INVALID_CONFIG', `${file}: line 1: the header has no "${required}" column (${CSV_COLUMNS.join(',')})`);
  }
  const at = (row: { cells: string[] }, name: string): string => (row.cells[names.indexOf(name)] ?? '').trim();
  return rows
    .filter((row) => row.cells.some((cell) => cell.trim() !== ''))
    .map((row) => {
      const where = `${file}: line ${row.line}`;
      const station = at(row, 'station');
      if (station === '') throw new ToolError('ERR_INVALID_CONFIG', `${where}: station is empty`);
      const when = isoTime(at(row, 'at'), `${where}: at`);
      const kind = at(row, 'kind') as AnnotationKind;
      if (!ANNOTATION_KINDS.includes(kind)) throw new ToolError('ERR_INVALID_CONFIG', `${where}: kind "${kind}" is not one of ${ANNOTATION_KINDS.join(', ')}`);
      const note = at(row, 'text');
      if (note === '') throw new ToolError('ERR_INVALID_CONFIG', `${where}: text is empty`);
      const until = names.includes('until') && at(row, 'until') !== '' ? isoTime(at(row, 'until'), `${where}: until`) : undefined;
      if (until !== undefined && until < when) throw new ToolError('ERR_INVALID_CONFIG', `${where}: until is before at`);
      const author = names.includes('author') ? at(row, 'author') : '';
      return { station, at: when, kind, text: note, ...(until !== undefined ? { until } : {}), ...(author !== '' ? { author } : {}) };
    });
}

/** An ISO 8601 time with a zone (Z or ±hh:mm), normalised to UTC with milliseconds, as the journal writes times. */
export function isoTime(text: string, what: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) || Number.isNaN(Date.parse(text))) {
    throw new ToolError('ERR_INVALID_CONFIG', `${what} "${text}" is not an ISO 8601 time with a zone (e.g. 2026-12-01T08:30:00Z)`);
  }
  return new Date(text).toISOString();
}

function csvRows(text: string, file: string): Array<{ line: number; cells: string[] }> {
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += char;
  }
  if (quoted) throw new ToolError('ERR_INVALID_CONFIG', `${file}: line ${rowLine}: a quoted field is not closed`);
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows;
}
