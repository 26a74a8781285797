import { printableLine } from '../report/printable.js';

/** Back to the start of the line, then erase it (ECMA-48 EL, "erase in line", whole line). */
const CLEAR_LINE = '\r\u001b[2K';

/** What the status line writes to: standard output when it is a terminal. */
export interface StatusStream {
  write: (text: string) => unknown;
  /** The terminal's width; undefined when unknown. */
  columns?: number | undefined;
}

/**
 * The last line of a terminal kept for a status that changes in place (the countdown of a long
 * wait). Whole lines printed meanwhile go above it: the status is erased, the line written, the
 * status drawn again. Only ever used on a terminal: pipes and files get whole lines, with no
 * carriage return or escape code. `isOpen` is false once the reader of standard output went away.
 */
export class TtyStatusLine {
  readonly #stream: StatusStream;
  readonly #isOpen: () => boolean;
  #text: string | undefined;

  constructor(stream: StatusStream, isOpen: () => boolean) {
    this.#stream = stream;
    this.#isOpen = isOpen;
  }

  /** Draws the status (station text in it shown escaped), or erases it when given undefined. */
  show(text: string | undefined): void {
    const fitted = text === undefined ? undefined : fit(printableLine(text), this.#stream.columns);
    if (fitted === this.#text) return;
    this.#text = fitted;
    if (this.#isOpen()) this.#stream.write(`${CLEAR_LINE}${fitted ?? ''}`);
  }

  /** Prints whole lines with `write` above the status line. */
  above(write: () => void): void {
    if (this.#text === undefined || !this.#isOpen()) {
      write();
      return;
    }
    this.#stream.write(CLEAR_LINE);
    write();
    if (this.#isOpen()) this.#stream.write(this.#text);
  }
}

/** A line that wraps could not be erased by CLEAR_LINE: it is cut to the terminal's width. */
function fit(text: string, columns: number | undefined): string {
  if (columns === undefined || columns < 2 || text.length < columns) return text;
  return `${text.slice(0, columns - 2)}…`;
}
