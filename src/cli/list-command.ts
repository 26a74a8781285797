import { Command } from 'commander';
import { builtInGuidelines, loadGuideline } from '../config/guideline-loader.js';
import { loadTestCases } from '../scenario/testcase-loader.js';
import type { Terminal } from './run-command.js';

/** `list testcases`: the catalogue with ids, titles and the references each case covers. */
export function listCommand(terminal: Terminal): Command {
  const list = new Command('list').description('list what the tool knows');
  list
    .command('testcases')
    .description('the test cases: id, title, references')
    .option('--testcases <ids>', 'only these ids or patterns (comma-separated), or a file or directory')
    .action((options: { testcases?: string }) => {
      const selection = options.testcases?.split(',').map((v) => v.trim()).filter(Boolean) ?? [];
      for (const testCase of loadTestCases(selection)) {
        terminal.out(`${testCase.id}  ${testCase.title}`);
        terminal.out(`    ${testCase.refs.join(', ')}${testCase.needs?.length ? `  (needs ${testCase.needs.join(', ')})` : ''}`);
      }
    });
  list
    .command('guidelines')
    .description('the shipped guidelines: id, title, archetypes, what they build on, their size')
    .action(() => {
      for (const id of builtInGuidelines()) {
        const g = loadGuideline(id);
        terminal.out(`${g.id} ${g.version}  ${g.title}`);
        terminal.out(`    archetypes ${g.archetypes.join(', ')}; ${g.chain.join(' → ')}; ${g.components.length} components, ${g.variables.length} variables, ${g.monitors.length} monitors, ${g.severities.length} severity categories`);
      }
    });
  return list;
}
