import { Command } from 'commander';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ToolError } from '../errors.js';
import { renderFleetIndex } from '../report/fleet-index.js';
import { readResultFile } from '../result/result-file.js';
import type { Terminal } from './run-command.js';
import { collect } from './option-parsers.js';
import { writeOutputFile } from './output-file.js';

/** Every result.json under a directory (any depth), or the file itself. */
function findResults(path: string): string[] {
  if (!existsSync(path)) throw new ToolError('ERR_INVALID_OPTION', `${path}: no such file or directory`);
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((name) => name === 'result.json' || name.endsWith('/result.json'))
    .map((name) => join(path, name))
    .sort();
}

/**
 * `index DIR...`: the fleet index from any set of results, e.g. the shared output directory of
 * several `run` processes behind a load balancer. Each station links to the scorecard beside
 * its result.json.
 */
export function indexCommand(terminal: Terminal): Command {
  return new Command('index')
    .description('build the fleet index (index.html) from the result.json files under directories')
    .argument('<paths...>', 'directories to search for result.json (or result.json files)')
    .option('--label <text>', 'name the runs under a path (repeat: one per path, in order; default: the run\'s own --label)', collect)
    .option('--out <file>', 'where index.html goes', 'index.html')
    .action((paths: string[], options: { label?: string[]; out: string }) => {
      const { file, stations } = buildIndex(paths, options.out, options.label);
      terminal.out(`fleet index of ${stations} station(s): ${file}`);
    });
}

/** Each path's label goes to every run found under it (e.g. one directory per firmware version or site). */
export function buildIndex(paths: readonly string[], out: string, labels: readonly string[] = []): { file: string; stations: number } {
  if (labels.length > 0 && labels.length !== paths.length) {
    throw new ToolError('ERR_INVALID_OPTION', `${labels.length} --label for ${paths.length} paths: give one label per path, in the order of the paths`);
  }
  const files = paths.flatMap((p, index) => findResults(resolve(p)).map((file) => ({ file, label: labels[index] })));
  if (files.length === 0) throw new ToolError('ERR_INVALID_OPTION', `no result.json under ${paths.join(', ')}`);
  const entries = files.map(({ file, label }) => ({ result: readResultFile(file), scorecard: join(dirname(file), 'scorecard.html'), ...(label !== undefined ? { label } : {}) }));
  const target = resolve(out);
  writeOutputFile(target, renderFleetIndex(entries, dirname(target)));
  return { file: target, stations: entries.length };
}
