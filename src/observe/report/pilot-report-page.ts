import Handlebars from 'handlebars';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { scriptSafeJson, TEMPLATE_DIRECTORY } from '../../report/html-renderer.js';
import { printable } from '../../report/printable.js';
import type { PilotReportModel } from './pilot-report-model.js';

const require = createRequire(import.meta.url);

/** uPlot's files, inlined into the page (no network, no file beside it): its script, its CSS, its version and MIT licence. */
function uplotFiles(): { script: string; css: string; version: string; licence: string } {
  const root = dirname(require.resolve('uplot/package.json'));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return {
    script: readFileSync(join(root, 'dist', 'uPlot.iife.min.js'), 'utf8'),
    css: readFileSync(join(root, 'dist', 'uPlot.min.css'), 'utf8'),
    version: pkg.version,
    licence: readFileSync(join(root, 'LICENSE'), 'utf8'),
  };
}

/**
 * The pilot evidence report as one self-contained HTML file: the templates of
 * `report-templates/pilot/` rendered with an isolated Handlebars instance, the scorecard's CSS
 * and the report's own, uPlot and the chart script inlined, the chart data embedded as JSON.
 * Everything from the stations reaches the page as text that Handlebars escapes, or inside the
 * JSON (escaped for a <script> element); control characters are shown escaped (`printable`).
 */
export function renderPilotReport(model: PilotReportModel, directory = TEMPLATE_DIRECTORY): string {
  const pilot = join(directory, 'pilot');
  const handlebars = Handlebars.create();
  const partials = join(pilot, 'partials');
  for (const name of readdirSync(partials).filter((n) => n.endsWith('.hbs'))) {
    handlebars.registerPartial(name.slice(0, -4), readFileSync(join(partials, name), 'utf8'));
  }
  const template = handlebars.compile(readFileSync(join(pilot, 'pilot-report.hbs'), 'utf8'), { strict: false, noEscape: false });
  const uplot = uplotFiles();
  const { charts, ...page } = model;
  return printable(
    template({
      ...page,
      css: `${readFileSync(join(directory, 'scorecard.css'), 'utf8')}\n${readFileSync(join(pilot, 'pilot-report.css'), 'utf8')}`,
      uplotCss: uplot.css,
      uplot: { version: uplot.version, licence: uplot.licence },
      chartScript: new Handlebars.SafeString(scriptSafeJson(JSON.stringify({ charts }))),
      uplotScript: new Handlebars.SafeString(uplot.script),
      chartsScript: new Handlebars.SafeString(readFileSync(join(pilot, 'pilot-charts.js'), 'utf8')),
    }),
  );
}
