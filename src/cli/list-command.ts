import { Command } from 'commander';
import { builtInGuidelines, loadGuideline } from '../config/guideline-loader.js';
import type { Guideline } from '../config/guideline.js';
import { DEFAULT_VERSIONS } from '../evidence/ocpp-version.js';
import { ALL_CHECKS } from '../checks/index.js';
import { CERTIFICATION_PROFILES } from '../report/certification-profiles.js';
import { listByTc, tcListingLines } from '../report/tc-listing.js';
import { loadTestCases } from '../scenario/testcase-loader.js';
import type { Terminal } from './run-command.js';

/** `list testcases`: the catalogue with ids, titles and the references each case covers. */
export function listCommand(terminal: Terminal): Command {
  const list = new Command('list').description('list what the tool knows');
  list
    .command('testcases')
    .description('the test cases: id, title, references')
    .option('--testcases <ids>', 'only these ids or patterns (comma-separated), or a file or directory')
    .option('--json', 'print one JSON array on stdout: {id, title, category, order, proves, refs, needs} per case')
    .option('--by-tc', 'by OCA test case id instead: each TC_B / TC_N of the Core and Advanced Device Management certification profiles and each the catalogue cites, with the cases and checks that rehearse it or why none does (--json: {tc, title, profiles, testCases, checks, notRehearsed?} per id)')
    .action((options: { testcases?: string; json?: boolean; byTc?: boolean }) => {
      const selection = options.testcases?.split(',').map((v) => v.trim()).filter(Boolean) ?? [];
      const testCases = loadTestCases(selection);
      if (options.byTc) {
        const entries = listByTc(testCases, ALL_CHECKS);
        if (options.json) terminal.out(JSON.stringify(entries, null, 2));
        else for (const entry of entries) for (const line of tcListingLines(entry, profileTitle)) terminal.out(line);
        return;
      }
      if (options.json) {
        const entries = testCases.map((t) => ({ id: t.id, title: t.title, category: t.category, order: t.order, proves: t.proves, refs: t.refs, needs: t.needs ?? [] }));
        terminal.out(JSON.stringify(entries, null, 2));
        return;
      }
      for (const testCase of testCases) {
        terminal.out(`${testCase.id}  ${testCase.title}`);
        terminal.out(`    ${testCase.refs.join(', ')}${testCase.needs?.length ? `  (needs ${testCase.needs.join(', ')})` : ''}`);
      }
    });
  list
    .command('guidelines')
    .description('the shipped guidelines: id, title, archetypes, what they build on, their size')
    .option('--json', 'print one JSON array on stdout: {id, version, title, description, archetypes, chain, counts} per guideline')
    .action((options: { json?: boolean }) => {
      const guidelines = builtInGuidelines().map((id) => loadGuideline(id));
      if (options.json) {
        const entries = guidelines.map((g) => ({
          id: g.id,
          version: g.version,
          title: g.title,
          description: g.description,
          archetypes: g.archetypes,
          chain: g.chain,
          versions: g.versions ?? DEFAULT_VERSIONS,
          counts: countsOf(g),
        }));
        terminal.out(JSON.stringify(entries, null, 2));
        return;
      }
      for (const g of guidelines) {
        terminal.out(`${g.id} ${g.version}  ${g.title}`);
        // Only the kinds of line the guideline has: a 1.6 guideline has keys and messages, no device model.
        const lines = Object.entries(countsOf(g)).filter(([, count]) => count > 0).map(([kind, count]) => `${count} ${LINE_KINDS[kind] ?? kind}`);
        terminal.out(`    OCPP ${(g.versions ?? DEFAULT_VERSIONS).join(', ')}; archetypes ${g.archetypes.join(', ')}; ${g.chain.join(' → ')}; ${lines.join(', ')}`);
      }
    });
  return list;
}

const profileTitle = (id: string): string => CERTIFICATION_PROFILES.find((p) => p.id === id)?.title ?? id;

/** How many lines of each kind a guideline has. */
function countsOf(g: Guideline): Record<string, number> {
  return {
    components: g.components.length,
    variables: g.variables.length,
    monitors: g.monitors.length,
    severityCategories: g.severities.length,
    configurationKeys: g.configurationKeys?.length ?? 0,
    messages: g.messages?.length ?? 0,
  };
}

const LINE_KINDS: Record<string, string> = {
  components: 'components',
  variables: 'variables',
  monitors: 'monitors',
  severityCategories: 'severity categories',
  configurationKeys: 'configuration keys',
  messages: 'messages',
};
