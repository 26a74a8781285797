import { Command, Option } from 'commander';
import { dirname, resolve } from 'node:path';
import { readResultFile } from '../result/result-file.js';
import { renderScorecard } from '../report/html-renderer.js';
import { readJournalExcerpt } from '../report/read-journal.js';
import { buildViewModel } from '../report/view-model.js';
import { citedFrames, REPORTS, type ReportFormat } from '../report/write-reports.js';
import type { Terminal } from './run-command.js';
import { writeOutputFile } from './output-file.js';

/** `report RESULT.json --format html|md|junit|csv`: renders a saved result again (new templates, another format). */
export function reportCommand(terminal: Terminal): Command {
  return new Command('report')
    .description('render a saved result.json as html, md, junit or csv')
    .argument('<result>', 'a result.json written by run, demo or score')
    .addOption(new Option('--format <format>', 'what to render').choices(['html', 'md', 'junit', 'csv']).default('html'))
    .option('--out <file>', 'write here instead of standard output')
    .option('--templates <dir>', 'render the html with these templates (a copy of report-templates/ changed to taste)')
    .action((file: string, options: { format: ReportFormat; out?: string; templates?: string }) => {
      const path = resolve(file);
      const result = readResultFile(path);
      const text =
        options.format === 'html' && options.templates
          ? renderScorecard(buildViewModel(result, readJournalExcerpt(resolve(dirname(path), result.files.journal), undefined, citedFrames(result))), resolve(options.templates))
          : REPORTS[options.format].render(result, dirname(path));
      if (options.out) {
        writeOutputFile(resolve(options.out), text);
        terminal.out(resolve(options.out));
      } else terminal.out(text.trimEnd());
    });
}
