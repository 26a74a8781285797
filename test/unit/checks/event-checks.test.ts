import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { eventChecks } from '../../../src/checks/event-checks.js';
import { evidence } from './event-fixtures.js';

describe('eventChecks', () => {
  it('lists each check once, its id naming its file', () => {
    const ids = eventChecks.map((check) => check.id);
    expect(new Set(ids).size).to.equal(ids.length);
    for (const id of ids) expect(existsSync(new URL(`../../../src/checks/${id}.ts`, import.meta.url)), id).to.be.true;
  });

  it('every check judges empty evidence without throwing, with its own meta', () => {
    for (const check of eventChecks) {
      const results = [check.evaluate(evidence())].flat();
      for (const result of results) {
        expect(result).to.include({ id: check.id, category: check.category });
        expect(['NOT APPLICABLE', 'INCONCLUSIVE']).to.include(result.verdict);
        expect(result.reason).to.be.a('string').and.not.empty;
      }
    }
  });
});
