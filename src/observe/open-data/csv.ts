import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The Table Schema types the open data uses. */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'datetime';
export type CellValue = string | number | boolean | null | undefined;

/**
 * The CSV dialect of every file (RFC 4180): comma, double quotes doubled inside quoted cells, a
 * header row, CRLF after every record (RFC 4180's line break and the Frictionless default). A
 * quoted cell keeps the line breaks the station or the technician wrote inside it as they were.
 */
export const DIALECT = { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, skipInitialSpace: false, header: true } as const;

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"): a station's
 * techInfo or a technician's note beginning with `=` must not run when someone opens the file in
 * a spreadsheet. The apostrophe is in the set so that the escape can always be undone: every text
 * cell that begins with an apostrophe got one added.
 */
const FORMULA_START = /^[=+\-@\t\r']/;
/** A plain decimal number ("-12.5", "+3", "1e3") is no formula: negative readings stay as they are. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The text, with an apostrophe before it when a spreadsheet would take it for a formula. */
export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One cell as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record: the cells, already formatted, and the line break. */
export function csvRecord(cells: readonly string[]): string {
  return `${cells.map(csvField).join(DIALECT.delimiter)}${DIALECT.lineTerminator}`;
}

/**
 * A value as its field's type writes it; '' is the missing value. What a field cannot hold is
 * left missing rather than written wrong: an id a station sent as 1.5 in an integer field, a
 * station time that is not ISO 8601 with a zone (the journal keeps what was sent).
 */
export function formatCell(type: FieldType, value: CellValue): string {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'string':
      return spreadsheetSafe(String(value));
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return '';
      return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
    case 'number':
      // Table Schema's exponent is an upper-case E ("1.5E+21"); JavaScript writes a lower-case one.
      return typeof value === 'number' && Number.isFinite(value) ? String(value).replace('e', 'E') : '';
    case 'boolean':
      return typeof value === 'boolean' ? String(value) : '';
    case 'datetime':
      return utcTime(String(value)) ?? '';
  }
}

const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/i;

/** An ISO 8601 time with a zone, as UTC with milliseconds (`2026-12-01T08:30:00.000Z`); undefined for anything else. */
export function utcTime(text: string): string | undefined {
  const parts = ISO_WITH_ZONE.exec(text);
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second, zoneHour, zoneMinute] = parts.slice(1).map((p) => (p === undefined ? 0 : Number(p)));
  // Date.parse rolls 30 February over into March: check the calendar first.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59 || zoneHour > 23 || zoneMinute > 59) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** Records are handed to the file in chunks of about this many characters (one write each). */
const CHUNK_CHARS = 64 * 1024;

/**
 * The file's text in chunks, pulled from `records` only as the chunks are consumed: a month of
 * samples is never in memory at once.
 */
export async function* csvChunks(header: readonly string[], records: AsyncIterable<readonly string[]> | Iterable<readonly string[]>): AsyncGenerator<string> {
  let chunk = csvRecord(header);
  for await (const cells of records) {
    chunk += csvRecord(cells);
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

export interface WrittenCsv {
  /** Records after the header. */
  rows: number;
  bytes: number;
  /** SHA-256 of the file, hex. */
  sha256: string;
}

/**
 * Writes a CSV file (UTF-8, no byte order mark) with backpressure: the stream pipeline pulls the
 * next chunk only when the file has taken the last ones, so a slow disk slows the reader of the
 * store instead of filling memory.
 */
export async function writeCsv(path: string, header: readonly string[], records: AsyncIterable<readonly string[]> | Iterable<readonly string[]>): Promise<WrittenCsv> {
  let rows = 0;
  let bytes = 0;
  const hash = createHash('sha256');
  async function* counted(): AsyncGenerator<readonly string[]> {
    for await (const cells of records) {
      rows += 1;
      yield cells;
    }
  }
  async function* encoded(): AsyncGenerator<Buffer> {
    for await (const chunk of csvChunks(header, counted())) {
      const buffer = Buffer.from(chunk, 'utf8');
      bytes += buffer.length;
      hash.update(buffer);
      yield buffer;
    }
  }
  await pipeline(Readable.from(encoded()), createWriteStream(path));
  return { rows, bytes, sha256: hash.digest('hex') };
}
