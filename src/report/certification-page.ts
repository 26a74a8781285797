import { VERDICT_CSS } from './verdict-style.js';
import type { CertificationView } from './certification.js';
import { protocolText } from './view-model.js';

const SUMMARY_ORDER = ['FAIL', 'WARN', 'INCONCLUSIVE', 'PASS', 'NOT APPLICABLE', 'not run', 'not rehearsed'];

/** What certification.hbs lays out: plain text only, every value escaped by Handlebars. */
export interface CertificationPageModel {
  title: string;
  /** `protocol`: the OCPP version and subprotocol, absent for a result from before they were recorded. */
  station: { identity: string; vendor: string; model: string; firmware: string; protocol?: string };
  date: string;
  incomplete: string | undefined;
  /** Why the page lists no profile (a 1.6 station). */
  noProfile?: string;
  profiles: Array<{
    id: string;
    title: string;
    about: string;
    summary: string;
    rows: Array<{ id: string; title: string; status: string; condition: string; outcome: string; css: string; detail: string; checks: Array<{ id: string; verdict: string; css: string }> }>;
  }>;
}

/** The certification page's model: one table per profile, a line per case with its verdict or why there is none. */
export function buildCertificationPage(view: CertificationView): CertificationPageModel {
  return {
    title: `Certification rehearsal: ${view.station.identity}`,
    station: { identity: view.station.identity, vendor: view.station.boot?.vendorName ?? '–', model: view.station.boot?.model ?? '–', firmware: view.station.boot?.firmwareVersion ?? '–', ...(view.station.protocol ? { protocol: protocolText(view.station.protocol) } : {}) },
    date: `${view.startedAt.slice(0, 19).replace('T', ' ')} UTC`,
    incomplete: view.complete ? undefined : 'This audit is incomplete: cases it did not run show "not run", and a verdict may rest on fewer checks than a full audit.',
    ...(view.noProfile !== undefined ? { noProfile: view.noProfile } : {}),
    profiles: view.profiles.map((profile) => {
      const rehearsed = profile.cases.filter((c) => c.outcome.kind === 'verdict').length;
      const counts = SUMMARY_ORDER.filter((key) => profile.counts[key]).map((key) => `${profile.counts[key]} ${key}`);
      return {
        id: profile.id,
        title: profile.title,
        about: profile.about,
        summary: `${rehearsed} of ${profile.cases.length} cases rehearsed by this audit: ${counts.join(', ')}.`,
        rows: profile.cases.map((c) => {
          const o = c.outcome;
          return {
            id: c.id,
            title: c.title,
            status: c.status,
            condition: c.condition ?? '',
            outcome: o.kind === 'verdict' ? o.verdict : o.kind === 'not run' ? 'not run' : `not rehearsed: ${o.why}`,
            css: o.kind === 'verdict' ? VERDICT_CSS[o.verdict] : 'na',
            detail: o.kind === 'verdict' ? `${o.checks.length} check(s) cite it` : o.detail,
            checks: o.kind === 'verdict' ? o.checks.map((check) => ({ id: check.id, verdict: check.verdict, css: VERDICT_CSS[check.verdict] })) : [],
          };
        }),
      };
    }),
  };
}
