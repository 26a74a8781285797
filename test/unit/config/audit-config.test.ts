import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASE_OPTION_DEFAULTS } from '../../../src/audit/audit-defaults.js';
import { loadAuditConfig } from '../../../src/config/audit-config.js';
import { ToolError } from '../../../src/errors.js';

describe('config audit-config', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-config-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function write(content: unknown, name = 'audit.json'): string {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  }

  function configError(file: string): string {
    try {
      loadAuditConfig(file);
    } catch (error) {
      expect(error).to.be.instanceOf(ToolError);
      expect((error as ToolError).code).to.equal('ERR_INVALID_CONFIG');
      return (error as ToolError).message;
    }
    throw new Error('loadAuditConfig did not throw');
  }

  const knownOptions = Object.keys(CASE_OPTION_DEFAULTS).join(', ');

  it('no file: no targets, no options, no selection', () => {
    expect(loadAuditConfig(undefined)).to.deep.equal({ targets: {}, caseOptions: {} });
    expect(loadAuditConfig('')).to.deep.equal({ targets: {}, caseOptions: {} });
  });

  it('a valid file', () => {
    const file = write({
      testcases: ['monitoring-*', 'session-boot'],
      targets: { numeric: 'OCPPCommCtrlr/OfflineThreshold', monitorable: 'EVSE.main@1:2/Power.Active' },
      options: { periodicIntervalS: 10, reportWindowS: 0.5 },
    });
    expect(loadAuditConfig(file)).to.deep.equal({
      testcases: ['monitoring-*', 'session-boot'],
      targets: {
        numeric: { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' } },
        monitorable: { component: { name: 'EVSE', instance: 'main', evse: { id: 1, connectorId: 2 } }, variable: { name: 'Power', instance: 'Active' } },
      },
      caseOptions: { periodicIntervalS: 10, reportWindowS: 0.5 },
    });
  });

  it('an empty object', () => {
    expect(loadAuditConfig(write({}))).to.deep.equal({ targets: {}, caseOptions: {} });
  });

  it('a relative path is read from the working directory', () => {
    write({ options: { eventWindowS: 3 } });
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(loadAuditConfig('audit.json')).to.deep.equal({ targets: {}, caseOptions: { eventWindowS: 3 } });
      expect(configError('missing.json')).to.equal(`${join(process.cwd(), 'missing.json')}: no such file`);
    } finally {
      process.chdir(cwd);
    }
  });

  it('a missing file', () => {
    const file = join(dir, 'nope.json');
    expect(configError(file)).to.equal(`${file}: no such file`);
  });

  it('invalid JSON names the file', () => {
    const file = write('{ "targets": ');
    const message = configError(file);
    expect(message.startsWith(`${file}: `)).to.equal(true);
    expect(message).to.match(/JSON/);
  });

  it('a document that is not an object', () => {
    expect(configError(write('[]'))).to.equal(`${join(dir, 'audit.json')}: / must be an object`);
    expect(configError(write('null'))).to.equal(`${join(dir, 'audit.json')}: / must be an object`);
    expect(configError(write('3'))).to.equal(`${join(dir, 'audit.json')}: / must be an object`);
  });

  it('an unknown top-level key', () => {
    const file = write({ targets: {}, target: {} });
    expect(configError(file)).to.equal(`${file}: /target is not a known field (testcases, targets, options)`);
  });

  it('testcases that are not a list of strings', () => {
    const file = write({ testcases: 'session-boot' });
    expect(configError(file)).to.equal(`${file}: /testcases must be a list of ids or patterns`);
    const mixed = write({ testcases: ['session-boot', 3] }, 'mixed.json');
    expect(configError(mixed)).to.equal(`${mixed}: /testcases must be a list of ids or patterns`);
  });

  it('targets that are not an object', () => {
    const file = write({ targets: ['OCPPCommCtrlr/OfflineThreshold'] });
    expect(configError(file)).to.equal(`${file}: /targets must be an object of role → "Component/Variable"`);
  });

  it('a target that is not a string', () => {
    const file = write({ targets: { numeric: { component: 'OCPPCommCtrlr', variable: 'OfflineThreshold' } } });
    expect(configError(file)).to.equal(`${file}: /targets/numeric must be "Component[.instance]/Variable[.instance]"`);
  });

  it('bad target text names the role and the expected form', () => {
    const file = write({ targets: { numeric: 'OfflineThreshold' } });
    expect(configError(file)).to.equal(`${file}: /targets/numeric: expected [role=]Component[.instance][@evse[:connector]]/Variable[.instance]`);
  });

  it('an unknown target role', () => {
    const file = write({ targets: { numerical: 'OCPPCommCtrlr/OfflineThreshold' } });
    expect(configError(file)).to.equal(`${file}: /targets/numerical: unknown role "numerical" (roles: numeric, targetDelta, monitorable, boolean, unmonitorable, nonNumeric, known, readOnly, writable, constrained, noMaxSet)`);
  });

  it('options that are not an object', () => {
    const file = write({ options: [1] });
    expect(configError(file)).to.equal(`${file}: /options must be an object`);
  });

  it('an unknown option lists the known ones', () => {
    const file = write({ options: { periodicInterval: 5 } });
    expect(configError(file)).to.equal(`${file}: /options/periodicInterval is not a known option (${knownOptions})`);
  });

  it('a non-positive or non-numeric option value', () => {
    for (const value of [0, -1, '5', null, true]) {
      const file = write({ options: { heartbeatProbeS: 5, reportWindowS: value } });
      expect(configError(file), JSON.stringify(value)).to.equal(`${file}: /options/reportWindowS must be a positive number`);
    }
  });

  it('names every object has (toString, constructor) are not options or target roles', () => {
    const option = write({ options: { toString: 5 } });
    expect(configError(option)).to.equal(`${option}: /options/toString is not a known option (${knownOptions})`);
    const role = write({ targets: { constructor: 'A/B' } }, 'role.json');
    expect(configError(role)).to.match(/\/targets\/constructor: unknown role "constructor"/);
  });

  it('periodicIntervals must be a whole number', () => {
    const file = write({ options: { periodicIntervals: 2.5 } });
    expect(configError(file)).to.equal(`${file}: /options/periodicIntervals must be a whole number`);
  });
});
