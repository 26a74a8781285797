import type { AuditResult } from '../result/audit-result.js';
import { printable } from './printable.js';

/**
 * One CSV cell (RFC 4180). A cell that a spreadsheet would read as a formula (=, +, -, @, tab,
 * carriage return first) gets a leading apostrophe: station strings must not run in Excel.
 * Control characters are shown escaped (a line feed inside a quoted cell is CSV's own).
 */
export function csvCell(value: string): string {
  const text = printable(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** findings.csv: one row per check, for spreadsheets and ticket systems. */
export function renderFindingsCsv(result: AuditResult): string {
  const header = ['station', 'id', 'verdict', 'category', 'title', 'refs', 'reason', 'frames'];
  const rows = result.checks.map((c) => [result.station.identity, c.id, c.verdict, c.category, c.title, c.refs.join(' '), c.reason, c.seqs.join(' ')]);
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
