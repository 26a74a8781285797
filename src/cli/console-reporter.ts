import { printableLine } from '../report/printable.js';
import type { Csms } from '../session/csms.js';

/** Prints what happens on the CSMS for the person at the terminal: connections, boots, refusals. */
export function reportToConsole(csms: Csms, write: (line: string) => void): void {
  // One line per happening, whatever the station's strings hold (escape codes, line breaks).
  const say = (text: string): void => write(`[${new Date().toISOString().slice(11, 23)}] ${printableLine(text)}`);
  csms.on('connected', ({ session, handshake, connection, replaced }) => {
    const tls = handshake.tls ? `, ${handshake.tls.protocol ?? 'TLS'}` : '';
    const offered = handshake.offeredProtocols.length > 1 ? ` of ${handshake.offeredProtocols.join(', ')} offered` : '';
    say(`${session.identity} connected from ${handshake.remoteAddress} (connection ${connection}, ${handshake.protocol}${offered}${tls})${replaced ? ', replacing its previous connection' : ''}`);
  });
  csms.on('boot', ({ session, payload, status }) => {
    const boot = session.protocol?.bootFacts(payload) ?? {};
    const facts = [`vendor ${text(boot.vendorName)}`, `model ${text(boot.model)}`, `serial ${text(boot.serialNumber)}`, `firmware ${text(boot.firmwareVersion)}`].join(', ');
    say(`${session.identity} BootNotification${boot.reason ? ` (${boot.reason})` : ''}: ${facts} → ${status}`);
  });
  csms.on('disconnected', ({ session, code, reason }) => {
    say(`${session.identity} disconnected (code ${code}${reason ? `, ${reason}` : ''})`);
  });
  csms.on('rejected', ({ identity, remoteAddress, status, reason, detail }) => {
    say(`refused ${identity ?? 'a connection'} from ${remoteAddress}: ${status === 101 ? 'closed' : `HTTP ${status}`} ${reason} (${detail})`);
  });
  csms.on('internal-error', ({ session, error }) => say(`internal error while serving ${session.identity} (please report): ${error.message}`));
  csms.on('refusals-summarised', ({ remoteAddress, notLogged, windowS }) => say(`refused ${notLogged} more connection(s) from ${remoteAddress} within ${windowS} s (counted in server-events.jsonl, not logged one by one)`));
  csms.on('journal-failed', ({ identity, journal, failure }) => say(`${identity}: session ended: its evidence cannot be written to ${journal} (${failure.message})`));
  csms.on('server-journal-failed', (failure) => say(`the output directory takes no more writes (${failure.message}): stopping`));
  csms.on('tls-error', ({ remoteAddress, message }) => say(`TLS handshake from ${remoteAddress} failed: ${message}`));
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '-';
}
