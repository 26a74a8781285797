import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeErrors, validateDataPackage, type ValidationReport } from '../../helpers/datapackage-validator.js';

const SCHEMA = {
  fields: [
    { name: 'id', type: 'integer' },
    { name: 'station', type: 'string', constraints: { required: true } },
    { name: 'at', type: 'datetime' },
    { name: 'value', type: 'number' },
    { name: 'cleared', type: 'boolean' },
    { name: 'kind', type: 'string', constraints: { enum: ['failure', 'note'] } },
  ],
  primaryKey: ['id'],
  missingValues: [''],
};
const GOOD = ['id,station,at,value,cleared,kind', '1,CS-1,2026-12-01T00:00:00.000Z,-12.5,true,failure', '2,"CS-2, ""north""",2026-12-01T00:15:00Z,1.5E+3,,note', '3,CS-3,,,false,', ''].join('\r\n');

describe('the test set\'s datapackage validator: it can fail (issue 16)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'datapackage-validator-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A package of one resource holding `csv` (its bytes and hash right unless `resource` says otherwise). */
  async function validate(csv: string, resource: Record<string, unknown> = {}): Promise<ValidationReport> {
    await mkdir(join(dir, 'data'), { recursive: true });
    await writeFile(join(dir, 'data/things.csv'), csv);
    const bytes = Buffer.from(csv);
    const descriptor = {
      profile: 'tabular-data-package',
      resources: [{ profile: 'tabular-data-resource', name: 'things', path: 'data/things.csv', encoding: 'utf-8', bytes: bytes.length, hash: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, dialect: { lineTerminator: '\r\n' }, schema: SCHEMA, ...resource }],
    };
    await writeFile(join(dir, 'datapackage.json'), JSON.stringify(descriptor));
    return validateDataPackage(join(dir, 'datapackage.json'));
  }

  it('passes a file that follows its schema', async () => {
    const report = await validate(GOOD);
    expect(report.errors, describeErrors(report)).to.deep.equal([]);
    expect(report.rows).to.deep.equal({ things: 3 });
  });

  it('catches a cell of the wrong type, with the file and the line', async () => {
    const report = await validate(GOOD.replace('-12.5', 'hot'));
    expect(report.errors).to.deep.equal([{ file: 'data/things.csv', line: 2, message: 'value: "hot" is not a number' }]);
    expect((await validate(GOOD.replace('2026-12-01T00:15:00Z', '2026-02-30T00:15:00Z'))).errors.map((e) => e.message)).to.deep.equal(['at: "2026-02-30T00:15:00Z" is not an XML Schema dateTime']);
    expect((await validate(GOOD.replace('3,CS-3', '3.5,CS-3'))).errors.map((e) => e.message)).to.deep.equal(['id: "3.5" is not an integer']);
  });

  it('catches a missing required cell', async () => {
    const report = await validate(GOOD.replace('3,CS-3,', '3,,'));
    expect(report.errors).to.deep.equal([{ file: 'data/things.csv', line: 4, message: 'station is required and empty' }]);
  });

  it('catches a repeated primary key, naming the first line', async () => {
    const report = await validate(GOOD.replace('3,CS-3', '1,CS-3'));
    expect(report.errors).to.deep.equal([{ file: 'data/things.csv', line: 4, message: 'primary key (id) 1 repeats line 2' }]);
  });

  it('catches a header that is not the schema\'s field names in order', async () => {
    const report = await validate(GOOD.replace('id,station,at', 'id,at,station'));
    expect(report.errors[0]).to.deep.equal({ file: 'data/things.csv', line: 1, message: 'header is id,at,station,value,cleared,kind; the schema\'s fields are id,station,at,value,cleared,kind' });
  });

  it('catches a value outside the enum, a wrong line end, a stray quote, and bytes or a hash that do not match', async () => {
    expect((await validate(GOOD.replace('failure', 'fire'))).errors.map((e) => e.message)).to.deep.equal(['kind: "fire" is not one of failure, note']);
    expect((await validate(GOOD.replace('true,failure\r\n', 'true,failure\n'))).errors.map((e) => e.message)).to.deep.equal(['a record ends with "\\n", the dialect says "\\r\\n"']);
    expect((await validate(GOOD.replace('CS-3', 'CS"3'))).errors.map((e) => e.message)).to.deep.equal(['a quote inside an unquoted cell']);
    expect((await validate(GOOD, { bytes: 1 })).errors.map((e) => e.message)[0]).to.match(/bytes, the descriptor says 1$/);
    expect((await validate(GOOD, { hash: 'sha256:00' })).errors.map((e) => e.message)[0]).to.match(/^sha256 is [0-9a-f]{64}, the descriptor says 00$/);
  });
});
