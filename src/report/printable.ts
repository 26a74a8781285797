/**
 * Station text made harmless for people's screens: control characters a station put in a string
 * (vendorName, a CALLERROR description, a close reason) would clear a terminal, set its title or
 * hide text when an output is printed or `cat`. Each becomes a visible `\u001b`-style escape,
 * which JSON reads back as the same character, so a JSON text stays valid when passed through.
 *
 * Escaped: C0 controls (tab and line feed kept where the format allows them), DEL, C1 controls,
 * and the bidirectional overrides and isolates that reorder what is shown (U+202A–U+202E,
 * U+2066–U+2069).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_LINE_BREAK = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const visible = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Text with control characters escaped; tabs and line feeds kept (documents, help text). */
export function printable(text: string): string {
  return text.replace(CONTROL, visible);
}

/** One line: line feeds escaped too, so station text cannot start a line of its own (terminal logs, table cells). */
export function printableLine(text: string): string {
  return text.replace(CONTROL_OR_LINE_BREAK, visible);
}
