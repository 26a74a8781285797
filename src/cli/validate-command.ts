import { Command } from 'commander';
import { validateFile } from '../config/validate-file.js';
import { ExitCode } from './exit-codes.js';
import type { ExitHolder, Terminal } from './run-command.js';

/** `validate FILE`: OK, or every problem of a guideline, test case, profile or scoring file with its pointer (exit 2). */
export function validateCommand(terminal: Terminal, exit: ExitHolder): Command {
  return new Command('validate')
    .description('check a guideline, test case, station profile, scoring or monitoring plan file')
    .argument('<file...>', 'the files to check')
    .action((files: string[]) => {
      let bad = 0;
      for (const file of files) {
        const { kind, problems } = validateFile(file);
        if (problems.length === 0) terminal.out(`${file}: OK (${kind ?? '?'})`);
        else {
          bad += 1;
          for (const problem of problems) terminal.err(`ocpp-audit: ${problem}`);
        }
      }
      exit.code = bad > 0 ? ExitCode.USAGE : ExitCode.OK;
    });
}
