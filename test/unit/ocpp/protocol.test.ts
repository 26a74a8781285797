import { expect } from 'chai';
import { chooseSubprotocol, OCPP_VERSIONS, protocolFor, versionOfSubprotocol } from '../../../src/ocpp/protocol.js';
import { parseFrame } from '../../../src/ocpp/frame.js';

describe('OCPP versions as data (issue 17)', () => {
  it('loads each version\'s OCA schemas: 128 for 2.0.1, 181 for 2.1 (ocpp-rpc), 78 for 1.6 with the security white paper', () => {
    expect(protocolFor('2.0.1').validator().size).to.equal(128);
    expect(protocolFor('2.1').validator().size).to.equal(181);
    expect(protocolFor('1.6').validator().size).to.equal(78);
  });

  for (const version of OCPP_VERSIONS) {
    it(`lists every ${version} action with a request schema exactly once by initiator, and SENDs apart`, () => {
      const protocol = protocolFor(version);
      const validator = protocol.validator();
      const listed = new Set([...protocol.stationActions, ...protocol.csmsActions]);
      for (const action of listed) {
        expect(validator.hasSchema(action, 'request'), `${action} request`).to.equal(true);
        expect(validator.hasSchema(action, 'response'), `${action} response`).to.equal(true);
      }
      for (const action of protocol.sendActions) expect(validator.hasSchema(action, 'send'), action).to.equal(true);
      const schemaCount = listed.size * 2 + protocol.sendActions.size;
      expect(schemaCount).to.equal(validator.size);
    });
  }

  it('validates by the version\'s own rules: a negative evse id is wrong only under 2.1; a 1.6 boot under 1.6 only', () => {
    const status = { timestamp: '2026-01-01T00:00:00Z', connectorStatus: 'Available', evseId: -1, connectorId: 1 };
    expect(protocolFor('2.0.1').validator().validate('StatusNotification', 'request', status).valid).to.equal(true);
    expect(protocolFor('2.1').validator().validate('StatusNotification', 'request', status).valid).to.equal(false);
    const boot16 = { chargePointVendor: 'ACME', chargePointModel: 'W1' };
    expect(protocolFor('1.6').validator().validate('BootNotification', 'request', boot16).valid).to.equal(true);
    expect(protocolFor('2.0.1').validator().validate('BootNotification', 'request', boot16).valid).to.equal(false);
    expect(protocolFor('2.1').validator().schemaName('NotifyPeriodicEventStream', 'send')).to.equal('NotifyPeriodicEventStream');
    expect(protocolFor('1.6').validator().schemaName('GetConfiguration', 'response')).to.equal('GetConfiguration.conf');
  });

  it('picks the newest subprotocol a station offers, or the one forced, or none', () => {
    const offered = new Set(['ocpp1.6', 'ocpp2.0.1', 'ocpp2.1']);
    expect(chooseSubprotocol(offered)).to.equal('ocpp2.1');
    expect(chooseSubprotocol(offered, ['2.0.1'])).to.equal('ocpp2.0.1');
    expect(chooseSubprotocol(new Set(['ocpp1.6']))).to.equal('ocpp1.6');
    expect(chooseSubprotocol(new Set(['ocpp1.5', 'ocpp2.0']))).to.equal(undefined);
    expect(chooseSubprotocol(new Set(['ocpp1.6']), ['2.1'])).to.equal(undefined);
    expect(versionOfSubprotocol('ocpp2.1')).to.equal('2.1');
    expect(versionOfSubprotocol('ocpp2.0')).to.equal(undefined);
  });

  it('spells error codes the version\'s way on the wire: 1.6 keeps its two misspellings and has no RpcFrameworkError', () => {
    const v16 = protocolFor('1.6');
    expect(v16.wireErrorCode('OccurrenceConstraintViolation')).to.equal('OccurenceConstraintViolation');
    expect(v16.wireErrorCode('FormatViolation')).to.equal('FormationViolation');
    expect(v16.wireErrorCode('RpcFrameworkError')).to.equal('GenericError');
    expect(v16.wireErrorCode('NotSupported')).to.equal('NotSupported');
    expect(protocolFor('2.1').wireErrorCode('OccurrenceConstraintViolation')).to.equal('OccurrenceConstraintViolation');
  });

  it('reads SEND and CALLRESULTERROR under 2.1 only; under 2.1 an unknown type is ignored, not answered', () => {
    const send = parseFrame(JSON.stringify([6, 's1', 'NotifyPeriodicEventStream', { id: 1 }]), protocolFor('2.1'));
    expect(send.ok && send.frame.messageType).to.equal('SEND');
    const resultError = parseFrame(JSON.stringify([5, 'r1', 'FormatViolation', 'bad', {}]), protocolFor('2.1'));
    expect(resultError.ok && resultError.frame.messageType).to.equal('CALLRESULTERROR');
    const under201 = parseFrame(JSON.stringify([6, 's1', 'NotifyPeriodicEventStream', {}]), protocolFor('2.0.1'));
    expect(!under201.ok && under201.problem.kind).to.equal('ocpp21-message-type');
    expect(!under201.ok && under201.problem.reply?.errorCode).to.equal('MessageTypeNotSupported');
    const unknown21 = parseFrame(JSON.stringify([7, 'x', 'A', {}]), protocolFor('2.1'));
    expect(!unknown21.ok && unknown21.problem.kind).to.equal('unknown-message-type');
    expect(!unknown21.ok && unknown21.problem.reply).to.equal(undefined);
    // A malformed SEND is never answered either (N15.FR.02).
    const badSend = parseFrame(JSON.stringify([6, 's2', 'NotifyPeriodicEventStream']), protocolFor('2.1'));
    expect(!badSend.ok && badSend.problem.kind).to.equal('wrong-arity');
    expect(!badSend.ok && badSend.problem.reply).to.equal(undefined);
  });
});
