import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Guideline, GuidelineDocument } from '../../../src/config/guideline.js';
import { builtInGuidelines, GUIDELINE_DIRECTORY, loadGuideline, readGuidelineDocument } from '../../../src/config/guideline-loader.js';
import { ToolError } from '../../../src/errors.js';

/** A citation every test line carries (the schema wants a source on each line). */
const SRC = ['tc-b-53'];

/** The device-model guidelines (2.0.1 and 2.1), all built on ocpp-201-core. */
const SHIPPED_2X = ['ac-wallbox', 'dc-fast', 'hpc', 'ocpp-201-core'];
const SHIPPED = ['ac-wallbox', 'dc-fast', 'hpc', 'ocpp-16-baseline', 'ocpp-201-core'];
const DEFAULT_WEIGHTS = { required: 2, recommended: 1, components: 1, variables: 1, monitors: 1, severities: 1, configurationKeys: 1, messages: 1 };

const shippedDocument = (id: string): GuidelineDocument => JSON.parse(readFileSync(join(GUIDELINE_DIRECTORY, `${id}.json`), 'utf8'));

/** A minimal valid guideline document with the given id. */
function doc(id: string, extra: Partial<GuidelineDocument> = {}): GuidelineDocument {
  return { id, version: '1.0.0', title: `Guideline ${id}`, description: `test guideline ${id}`, archetypes: ['any'], ...extra };
}

describe('config guideline-loader', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-guideline-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, content: unknown): string {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return file;
  }

  function guidelineError(load: () => unknown): string {
    try {
      load();
    } catch (error) {
      expect(error).to.be.instanceOf(ToolError);
      expect((error as ToolError).code).to.equal('ERR_INVALID_GUIDELINE');
      return (error as ToolError).message;
    }
    throw new Error('the guideline loaded without an error');
  }

  describe('shipped guidelines', () => {
    it('builtInGuidelines lists the shipped ids, sorted, without the schema and scoring.json', () => {
      expect(builtInGuidelines()).to.deep.equal(SHIPPED);
    });

    for (const id of SHIPPED_2X) {
      it(`${id} loads, with its chain ending in itself and unique entry keys`, () => {
        const guideline = loadGuideline(id);
        expect(guideline.id).to.equal(id);
        expect(guideline.file).to.equal(join(GUIDELINE_DIRECTORY, `${id}.json`));
        expect(guideline.chain[0]).to.equal('ocpp-201-core');
        expect(guideline.chain[guideline.chain.length - 1]).to.equal(id);
        expect(guideline.weights).to.deep.equal(DEFAULT_WEIGHTS);
        expect(guideline.archetypes).to.deep.equal(shippedDocument(id).archetypes);
        const componentKeys = guideline.components.map((c) => `${c.name}|${c.instance ?? ''}`.toLowerCase());
        const variableKeys = guideline.variables.map((v) => `${v.component}|${v.componentInstance ?? ''}|${v.variable}|${v.instance ?? ''}`.toLowerCase());
        const categories = guideline.severities.map((s) => s.category);
        expect(new Set(componentKeys).size).to.equal(componentKeys.length);
        expect(new Set(variableKeys).size).to.equal(variableKeys.length);
        expect(new Set(categories).size).to.equal(categories.length);
        for (const entry of [...guideline.components, ...guideline.variables, ...guideline.monitors, ...guideline.severities]) expect(entry.why).to.be.a('string').and.not.empty;
      });

      it(`${id} passes readGuidelineDocument as it is on disk`, () => {
        expect(readGuidelineDocument(join(GUIDELINE_DIRECTORY, `${id}.json`))).to.deep.equal(shippedDocument(id));
      });
    }

    it('every shipped line cites a source, and the guideline lists the sources its lines cite', () => {
      for (const id of builtInGuidelines()) {
        const guideline = loadGuideline(id);
        const lines = [...guideline.components, ...guideline.variables, ...guideline.monitors, ...guideline.severities, ...(guideline.configurationKeys ?? []), ...(guideline.messages ?? [])];
        for (const line of lines) expect(line.source, `${id}: ${JSON.stringify(line).slice(0, 80)}`).to.be.an('array').that.is.not.empty;
        const cited = new Set(lines.flatMap((line) => line.source.flatMap((c) => (typeof c === 'string' ? [c.split('#')[0]] : []))));
        expect(guideline.sources.map((s) => s.id).sort()).to.deep.equal([...cited].sort());
        for (const source of guideline.sources) expect(source.title).to.be.a('string').and.not.empty;
      }
    });

    it('the revised lines cite what supports them', () => {
      const ac = loadGuideline('ac-wallbox');
      const lock = ac.variables.find((v) => v.component === 'ConnectorPlugRetentionLock' && v.variable === 'Problem');
      expect(lock).to.deep.include({ level: 'required', whenComponentReported: true });
      expect(lock?.source).to.include('ocpp201-part2#G05.FR.02');
      const uptime = loadGuideline('ocpp-201-core').variables.find((v) => v.component === 'ChargingStation' && v.variable === 'UptimeSeconds');
      expect(uptime).to.deep.include({ level: 'recommended', source: ['oca-uptime-wp-1.1#4.2.5'] });
      const dc = loadGuideline('dc-fast');
      for (const name of ['CableBreakawaySensor', 'ShockSensor', 'TiltSensor']) expect(dc.variables.find((v) => v.component === name && v.variable === 'Active')?.source).to.include('oca-uptime-wp-1.1#5.1');
      expect(dc.variables.find((v) => v.component === 'ELVSupply' && v.variable === 'Problem')?.source).to.include('oca-uptime-wp-1.1#5.1');
      // The must-have marks stay.
      expect(dc.variables.filter((v) => v.critical).map((v) => `${v.component}.${v.variable}`)).to.deep.equal(['EVSE.DCVoltage', 'EVSE.DCCurrent']);
    });

    it('entry counts after folding the chains', () => {
      const counts = (g: Guideline) => [g.components.length, g.variables.length, g.monitors.length, g.severities.length];
      expect(counts(loadGuideline('ocpp-201-core'))).to.deep.equal([12, 71, 0, 2]);
      expect(counts(loadGuideline('ac-wallbox'))).to.deep.equal([23, 94, 7, 7]);
      expect(counts(loadGuideline('dc-fast'))).to.deep.equal([23, 103, 9, 11]);
      expect(counts(loadGuideline('hpc'))).to.deep.equal([28, 115, 15, 13]);
    });

    it('chains: ocpp-201-core alone, ac-wallbox and dc-fast on the core, hpc on dc-fast', () => {
      expect(loadGuideline('ocpp-201-core').chain).to.deep.equal(['ocpp-201-core']);
      expect(loadGuideline('ac-wallbox').chain).to.deep.equal(['ocpp-201-core', 'ac-wallbox']);
      expect(loadGuideline('dc-fast').chain).to.deep.equal(['ocpp-201-core', 'dc-fast']);
      expect(loadGuideline('hpc').chain).to.deep.equal(['ocpp-201-core', 'dc-fast', 'hpc']);
    });

    it('hpc replaces the dc-fast entries it redefines and keeps the rest', () => {
      const hpc = loadGuideline('hpc');
      const own = shippedDocument('hpc');
      const connectorTemperature = hpc.variables.filter((v) => v.component === 'Connector' && v.variable === 'Temperature');
      expect(connectorTemperature).to.deep.equal(own.variables?.filter((v) => v.component === 'Connector' && v.variable === 'Temperature'));
      expect(connectorTemperature[0]?.monitoring).to.equal('required');
      const overTemperature = hpc.severities.filter((s) => s.category === 'connector-over-temperature');
      expect(overTemperature).to.have.length(1);
      expect(overTemperature[0]?.severity).to.deep.equal({ min: 0, max: 2 });
      // A replaced entry keeps the base's position.
      expect(hpc.severities.map((s) => s.category).indexOf('connector-over-temperature')).to.equal(2);
      // Base entries hpc does not touch are there, and so are the core's.
      expect(hpc.components.map((c) => c.name)).to.include.members(['ChargingStation', 'AcDcConverter', 'LiquidCoolingSystem']);
    });

    it('loads a shipped guideline by path too', () => {
      const byPath = loadGuideline(join(GUIDELINE_DIRECTORY, 'dc-fast.json'));
      expect(byPath).to.deep.equal(loadGuideline('dc-fast'));
    });

    it('an unknown shipped id lists the shipped ones', () => {
      expect(guidelineError(() => loadGuideline('no-such-guideline'))).to.equal('no guideline "no-such-guideline" (shipped: ac-wallbox, dc-fast, hpc, ocpp-16-baseline, ocpp-201-core)');
    });

    it('a missing file lists the shipped ones', () => {
      const file = join(dir, 'missing.json');
      expect(guidelineError(() => loadGuideline(file))).to.equal(`${file}: no such guideline (shipped: ac-wallbox, dc-fast, hpc, ocpp-16-baseline, ocpp-201-core)`);
    });
  });

  describe('extends and merging', () => {
    const component = (name: string, why: string, extra: Record<string, unknown> = {}) => ({ name, tier: 'station', level: 'required', why, source: SRC, ...extra });

    it('an entry with the same key in the derived guideline replaces the base entry in place', () => {
      write(
        'base',
        doc('base', {
          components: [component('Alpha', 'base alpha'), component('Beta', 'base beta'), component('Gamma', 'base gamma')] as GuidelineDocument['components'],
          variables: [
            { component: 'Alpha', variable: 'Problem', level: 'required', why: 'base problem', source: SRC },
            { component: 'Alpha', variable: 'Temperature', instance: 'Inlet', level: 'recommended', why: 'base inlet', source: SRC },
          ],
          monitors: [{ component: 'Alpha', variable: 'Temperature', types: ['UpperThreshold', 'Delta'], origin: 'any', level: 'recommended', why: 'base monitor', source: SRC }],
          severities: [{ category: 'alpha-fault', title: 'Alpha', match: [{ component: 'Alpha', variable: 'Problem' }], severity: { min: 0, max: 3 }, why: 'base severity', source: SRC }],
        }),
      );
      const derived = write(
        'derived',
        doc('derived', {
          extends: 'base',
          archetypes: ['dc-fast'],
          // Keys are case-insensitive: BETA replaces Beta.
          components: [component('BETA', 'derived beta', { level: 'recommended' }), component('Delta', 'derived delta')] as GuidelineDocument['components'],
          variables: [
            { component: 'alpha', variable: 'problem', level: 'recommended', why: 'derived problem', source: SRC },
            // Another instance is another key: both stay.
            { component: 'Alpha', variable: 'Temperature', instance: 'Outlet', level: 'recommended', why: 'derived outlet', source: SRC },
          ],
          // The same types in another order are the same key.
          monitors: [{ component: 'Alpha', variable: 'Temperature', types: ['Delta', 'UpperThreshold'], origin: 'HardWiredMonitor', level: 'required', why: 'derived monitor', source: SRC }],
          severities: [{ category: 'alpha-fault', title: 'Alpha', match: [{ component: 'Alpha', variable: 'Problem' }], severity: { min: 1, max: 2 }, why: 'derived severity', source: SRC }],
        }),
      );
      const guideline = loadGuideline(derived);
      expect(guideline.id).to.equal('derived');
      expect(guideline.file).to.equal(derived);
      expect(guideline.chain).to.deep.equal(['base', 'derived']);
      expect(guideline.archetypes).to.deep.equal(['dc-fast']);
      expect(guideline.components.map((c) => `${c.name}:${c.why}`)).to.deep.equal(['Alpha:base alpha', 'BETA:derived beta', 'Gamma:base gamma', 'Delta:derived delta']);
      expect(guideline.components[1]?.level).to.equal('recommended');
      expect(guideline.variables.map((v) => v.why)).to.deep.equal(['derived problem', 'base inlet', 'derived outlet']);
      expect(guideline.monitors.map((m) => m.why)).to.deep.equal(['derived monitor']);
      expect(guideline.severities).to.have.length(1);
      expect(guideline.severities[0]?.severity).to.deep.equal({ min: 1, max: 2 });
    });

    it('extends is looked up next to the file before the shipped guidelines', () => {
      write('ocpp-201-core', doc('ocpp-201-core', { components: [component('LocalOnly', 'the sibling base')] as GuidelineDocument['components'] }));
      const derived = write('mine', doc('mine', { extends: 'ocpp-201-core' }));
      const guideline = loadGuideline(derived);
      expect(guideline.chain).to.deep.equal(['ocpp-201-core', 'mine']);
      expect(guideline.components.map((c) => c.name)).to.deep.equal(['LocalOnly']);
      expect(guideline.variables).to.deep.equal([]);
    });

    it('extends falls back to a shipped guideline', () => {
      const derived = write('mine', doc('mine', { extends: 'dc-fast', components: [component('Extra', 'own')] as GuidelineDocument['components'] }));
      const guideline = loadGuideline(derived);
      expect(guideline.chain).to.deep.equal(['ocpp-201-core', 'dc-fast', 'mine']);
      expect(guideline.components).to.have.length(24);
      expect(guideline.components[23]?.name).to.equal('Extra');
      expect(guideline.variables).to.have.length(103);
    });

    it('a three-level chain of local files', () => {
      write('one', doc('one'));
      write('two', doc('two', { extends: 'one' }));
      expect(loadGuideline(write('three', doc('three', { extends: 'two' }))).chain).to.deep.equal(['one', 'two', 'three']);
    });

    it('weights default to required 2, recommended 1 and 1 per section', () => {
      const guideline = loadGuideline(write('plain', doc('plain')));
      expect(guideline.weights).to.deep.equal(DEFAULT_WEIGHTS);
      expect(guideline.components).to.deep.equal([]);
      expect(guideline.monitors).to.deep.equal([]);
    });

    it('weights merge: defaults, then the base, then the derived guideline', () => {
      write('base', doc('base', { weights: { required: 5, monitors: 3 } }));
      const derived = write('derived', doc('derived', { extends: 'base', weights: { monitors: 4, severities: 0 } }));
      expect(loadGuideline(derived).weights).to.deep.equal({ ...DEFAULT_WEIGHTS, required: 5, monitors: 4, severities: 0 });
      expect(loadGuideline(join(dir, 'base.json')).weights).to.deep.equal({ ...DEFAULT_WEIGHTS, required: 5, monitors: 3 });
    });
  });

  describe('errors name the file and the JSON pointer', () => {
    it('invalid JSON', () => {
      const file = write('broken', '{ "id": "broken", ');
      const message = guidelineError(() => loadGuideline(file));
      expect(message.startsWith(`${file}: `)).to.equal(true);
      expect(message).to.match(/JSON/);
    });

    it('a missing required field', () => {
      const { version: _version, ...noVersion } = doc('nover');
      const file = write('nover', noVersion);
      expect(guidelineError(() => loadGuideline(file))).to.equal(`${file}: / must have required property 'version'`);
    });

    it('a missing required field of an entry', () => {
      const file = write('nowhy', doc('nowhy', { components: [{ name: 'A', tier: 'station', level: 'required' }] as unknown as GuidelineDocument['components'] }));
      expect(guidelineError(() => loadGuideline(file))).to.equal(`${file}: /components/0 must have required property 'why'`);
    });

    it('a line without a source (issue 15: every line cites where it comes from)', () => {
      const file = write('nosource', doc('nosource', { variables: [{ component: 'A', variable: 'B', level: 'required', why: 'w' }] as unknown as GuidelineDocument['variables'] }));
      expect(guidelineError(() => loadGuideline(file))).to.equal(`${file}: /variables/0 must have required property 'source'`);
      const empty = write('emptysource', doc('emptysource', { severities: [{ category: 'c', title: 't', match: [{ component: 'A', variable: 'B' }], severity: { min: 0, max: 1 }, why: 'w', source: [] }] }));
      expect(guidelineError(() => loadGuideline(empty))).to.equal(`${empty}: /severities/0/source must NOT have fewer than 1 items`);
    });

    it('a source id that guidelines/sources.json does not list', () => {
      const file = write('typo', doc('typo', { components: [{ name: 'A', tier: 'station', level: 'required', why: 'w', source: ['tc-b-53', 'oca-uptime-wp#5.1'] }] }));
      expect(guidelineError(() => loadGuideline(file))).to.match(new RegExp(`^${escape(file)}: /components/0/source/1 names "oca-uptime-wp", which is not in guidelines/sources.json \\(known: .*oca-uptime-wp-1\\.1.*\\)$`));
    });

    it('a citation that is neither an id nor our own reason', () => {
      const file = write('badcite', doc('badcite', { monitors: [{ component: 'A', variable: 'B', types: ['Delta'], origin: 'any', level: 'required', why: 'w', source: ['TC_B_53 list'] }] }));
      expect(guidelineError(() => loadGuideline(file))).to.match(new RegExp(`^${escape(file)}: /monitors/0/source/0 must match pattern`));
      const own = write('ownok', doc('ownok', { monitors: [{ component: 'A', variable: 'B', types: ['Delta'], origin: 'any', level: 'required', why: 'w', source: [{ own: 'no public list has it' }, 'chargex-mrec#CX017'] }] }));
      expect(loadGuideline(own).sources.map((s) => s.id)).to.deep.equal(['chargex-mrec']);
    });

    it('an unknown field at the top', () => {
      const file = write('extra', { ...doc('extra'), x: 1 });
      expect(guidelineError(() => loadGuideline(file))).to.equal(`${file}: / has an unknown field "x"`);
    });

    it('an unknown field in an entry', () => {
      const file = write('extra', doc('extra', { variables: [{ component: 'A', variable: 'B', level: 'required', why: 'w', source: SRC, colour: 'red' }] as unknown as GuidelineDocument['variables'] }));
      expect(guidelineError(() => loadGuideline(file))).to.equal(`${file}: /variables/0 has an unknown field "colour"`);
    });

    it('a value the schema does not allow', () => {
      const file = write('badtier', doc('badtier', { components: [{ name: 'A', tier: 'cabinet', level: 'required', why: 'w', source: SRC }] as unknown as GuidelineDocument['components'] }));
      expect(guidelineError(() => loadGuideline(file))).to.match(new RegExp(`^${escape(file)}: /components/0/tier must be equal to one of the allowed values$`));
    });

    it('an id that is not the file name', () => {
      const file = write('named', doc('other'));
      expect(guidelineError(() => loadGuideline(file))).to.equal(`${file}: /id "other" must equal the file name "named"`);
    });

    it('extends to an unknown id', () => {
      const file = write('orphan', doc('orphan', { extends: 'nowhere' }));
      expect(guidelineError(() => loadGuideline(file))).to.equal(`${file}: /extends names "nowhere", which is neither next to it nor shipped`);
    });

    it('an extends cycle a → b → a', () => {
      const a = write('a', doc('a', { extends: 'b' }));
      write('b', doc('b', { extends: 'a' }));
      expect(guidelineError(() => loadGuideline(a))).to.equal(`${a}: /extends makes a cycle (a → b → a)`);
    });

    it('a guideline extending itself', () => {
      const self = write('self', doc('self', { extends: 'self' }));
      expect(guidelineError(() => loadGuideline(self))).to.equal(`${self}: /extends makes a cycle (self → self)`);
    });

    it('a broken base names the base file', () => {
      const base = write('base', { ...doc('base'), x: true });
      const derived = write('derived', doc('derived', { extends: 'base' }));
      expect(guidelineError(() => loadGuideline(derived))).to.equal(`${base}: / has an unknown field "x"`);
    });

    it('a severity category with min above max', () => {
      const file = write(
        'range',
        doc('range', {
          severities: [
            { category: 'ok', title: 'ok', match: [{ component: 'A', variable: 'B' }], severity: { min: 1, max: 1 }, why: 'w', source: SRC },
            { category: 'bad', title: 'bad', match: [{ component: 'A', variable: 'B' }], severity: { min: 5, max: 2 }, why: 'w', source: SRC },
          ],
        }),
      );
      expect(guidelineError(() => loadGuideline(file))).to.equal(`${file}: /severities/1/severity has min 5 above max 2`);
    });

    it('a monitor with min above max', () => {
      const file = write('mrange', doc('mrange', { monitors: [{ component: 'A', variable: 'B', types: ['Delta'], origin: 'any', severity: { min: 9, max: 0 }, level: 'required', why: 'w', source: SRC }] }));
      expect(guidelineError(() => readGuidelineDocument(file))).to.equal(`${file}: /monitors/0/severity has min 9 above max 0`);
    });

    it('a severity category may list ChargeX codes, only CX001–CX026', () => {
      const category = (chargexCodes: string[]) => ({ category: 'rcd', title: 'RCD', match: [{ component: 'RCD', variable: 'Tripped' }], severity: { min: 0, max: 2 }, chargexCodes, why: 'w', source: SRC });
      expect(loadGuideline(write('codes', doc('codes', { severities: [category(['CX002', 'CX026'])] }))).severities[0]?.chargexCodes).to.deep.equal(['CX002', 'CX026']);
      const file = write('badcode', doc('badcode', { severities: [category(['CX027'])] }));
      expect(guidelineError(() => loadGuideline(file))).to.contain(`${file}: /severities/0/chargexCodes/0 must match pattern`);
    });

    it('the shipped severity categories list only ChargeX codes, each in one category of a guideline', () => {
      for (const id of SHIPPED) {
        const codes = loadGuideline(id).severities.flatMap((s) => s.chargexCodes ?? []);
        expect(new Set(codes).size, id).to.equal(codes.length);
      }
      expect(loadGuideline('ac-wallbox').severities.find((s) => s.category === 'residual-current-fault')?.chargexCodes).to.deep.equal(['CX002']);
    });

    it('a severity outside 0–9 is a schema error', () => {
      const file = write('big', doc('big', { monitors: [{ component: 'A', variable: 'B', types: ['Delta'], origin: 'any', severity: { min: 0, max: 10 }, level: 'required', why: 'w', source: SRC }] }));
      expect(guidelineError(() => loadGuideline(file))).to.equal(`${file}: /monitors/0/severity/max must be <= 9`);
    });

    it('1.6 lines: an uncatalogued citation, a range upside down, an unknown version, a line with both contains and range', () => {
      const key = { key: 'HeartbeatInterval', level: 'required' as const, why: 'w', source: ['ocpp16-ed2#9.1.10'] };
      const cites = write('cites', doc('cites', { versions: ['1.6'], messages: [{ action: 'Heartbeat', sentBy: 'station', level: 'required', why: 'w', source: ['ocpp16-spec'] }] }));
      expect(guidelineError(() => loadGuideline(cites))).to.match(new RegExp(`^${escape(cites)}: /messages/0/source/0 names "ocpp16-spec", which is not in guidelines/sources.json`));
      const range = write('range', doc('range', { configurationKeys: [{ ...key, range: { min: 600, max: 50 } }] }));
      expect(guidelineError(() => loadGuideline(range))).to.equal(`${range}: /configurationKeys/0/range has min 600 above max 50`);
      const version = write('version', JSON.stringify(doc('version', { versions: ['1.5' as never] })));
      expect(guidelineError(() => loadGuideline(version))).to.match(new RegExp(`^${escape(version)}: /versions/0 must be equal to one of the allowed values`));
      const both = write('both', doc('both', { configurationKeys: [{ ...key, contains: 'Core', range: { min: 1 } }] }));
      expect(guidelineError(() => loadGuideline(both))).to.equal(`${both}: /configurationKeys/0 must NOT be valid`);
    });
  });

  describe('OCPP versions', () => {
    it('ocpp-16-baseline is for 1.6 only, any station, with configuration keys and messages and no device-model lines', () => {
      const baseline = loadGuideline('ocpp-16-baseline');
      expect(baseline.versions).to.deep.equal(['1.6']);
      expect(baseline.archetypes).to.deep.equal(['any']);
      expect(baseline.chain).to.deep.equal(['ocpp-16-baseline']);
      expect([baseline.components.length, baseline.variables.length, baseline.monitors.length, baseline.severities.length]).to.deep.equal([0, 0, 0, 0]);
      expect(baseline.configurationKeys?.map((k) => k.key)).to.include.members(['SupportedFeatureProfiles', 'HeartbeatInterval', 'NumberOfConnectors', 'MeterValueSampleInterval', 'WebSocketPingInterval', 'SecurityProfile']);
      expect(baseline.messages?.map((m) => m.action)).to.include.members(['GetConfiguration', 'BootNotification', 'StatusNotification', 'Heartbeat', 'TriggerMessage', 'GetDiagnostics', 'DiagnosticsStatusNotification', 'SecurityEventNotification', 'GetLog']);
      // The must-haves, and each says why in its line.
      const critical = [...(baseline.configurationKeys ?? []), ...(baseline.messages ?? [])].filter((line) => line.critical);
      expect(critical.map((line) => ('key' in line ? line.key : line.action))).to.deep.equal(['SupportedFeatureProfiles', 'GetConfiguration', 'StatusNotification']);
      expect(baseline.sources.map((s) => s.id)).to.include.members(['ocpp16-ed2', 'ocpp16-errata', 'ocpp16-security-wp-ed3', 'oca-uptime-wp-1.1', 'chargex-mrec']);
    });

    it('versions default to 2.0.1 and 2.1; a derived guideline keeps its base\'s unless it says', () => {
      expect(loadGuideline('ocpp-201-core').versions).to.deep.equal(['2.0.1', '2.1']);
      write('old', doc('old', { versions: ['1.6'] }));
      expect(loadGuideline(write('newer', doc('newer', { extends: 'old' }))).versions).to.deep.equal(['1.6']);
      expect(loadGuideline(write('own', doc('own', { extends: 'old', versions: ['2.1'] }))).versions).to.deep.equal(['2.1']);
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
