import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { REPO_ROOT } from '../../helpers/cli-process.js';
import { evidenceFixtures, rescore } from '../../fixtures/evidence/golden.js';

describe('result.json has a JSON Schema (schemas/result.schema.json), and real results follow it', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'result.schema.json'), 'utf8')) as object);

  for (const fixture of evidenceFixtures()) {
    it(`the re-scored ${fixture} validates`, () => {
      const ok = validate(JSON.parse(JSON.stringify(rescore(fixture))));
      expect(ok, JSON.stringify(validate.errors?.slice(0, 3))).to.equal(true);
    });
  }

  it('refuses a result with an unknown verdict or an unknown top-level field', () => {
    const result = JSON.parse(JSON.stringify(rescore('ac-wallbox.evidence.json'))) as Record<string, unknown> & { checks: Array<Record<string, unknown>> };
    result.checks[0] = { ...result.checks[0], verdict: 'MAYBE' };
    expect(validate(result)).to.equal(false);
    expect(validate({ ...JSON.parse(JSON.stringify(rescore('ac-wallbox.evidence.json'))), extra: 1 })).to.equal(false);
  });
});
