import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CertificationPageModel } from './certification-page.js';
import type { CompareViewModel } from './compare-view-model.js';
import { printable } from './printable.js';
import type { ScorecardViewModel } from './view-model.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Templates ship as data at the package root; `--templates` may point elsewhere. */
export const TEMPLATE_DIRECTORY = resolve(here, '..', '..', 'report-templates');

/**
 * JSON that is safe inside a <script> element: `<` becomes \u003c (so no `</script>` or `<!--`
 * can end it), and the two line separators JavaScript does not allow in strings are escaped.
 */
export function scriptSafeJson(json: string): string {
  return json.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Renders the scorecard with an isolated Handlebars instance (no global helpers), the partials
 * of `partials/` and the CSS inlined: one file that needs nothing else. Handlebars escapes markup
 * but not control characters: those are shown escaped in the whole page (`printable`; inside the
 * embedded JSON the escape reads back as the same character).
 */
export function renderScorecard(model: ScorecardViewModel, directory = TEMPLATE_DIRECTORY): string {
  const template = compile('scorecard.hbs', directory);
  return printable(template({ ...model, css: readFileSync(join(directory, 'scorecard.css'), 'utf8'), resultScript: new Handlebars.SafeString(scriptSafeJson(model.resultJson)) }));
}

/** The procurement comparison page, from the same templates folder and CSS. */
export function renderComparison(model: CompareViewModel, directory = TEMPLATE_DIRECTORY): string {
  return printable(compile('compare.hbs', directory)({ ...model, css: readFileSync(join(directory, 'scorecard.css'), 'utf8') }));
}

/** The certification rehearsal page (certification.hbs), beside the scorecard with the same CSS. */
export function renderCertification(model: CertificationPageModel, directory = TEMPLATE_DIRECTORY): string {
  return printable(compile('certification.hbs', directory)({ ...model, css: readFileSync(join(directory, 'scorecard.css'), 'utf8') }));
}

function compile(file: string, directory: string): HandlebarsTemplateDelegate {
  const handlebars = Handlebars.create();
  const partials = join(directory, 'partials');
  for (const name of readdirSync(partials).filter((n) => n.endsWith('.hbs'))) {
    handlebars.registerPartial(name.slice(0, -4), readFileSync(join(partials, name), 'utf8'));
  }
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  return handlebars.compile(readFileSync(join(directory, file), 'utf8'), { strict: false, noEscape: false });
}
