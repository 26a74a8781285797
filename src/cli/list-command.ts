import { Command } from 'commander';
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
  return list;
}
