import { OcppCallError } from '../../ocpp/error-codes.js';
import type { Station16Context, Station16Handler } from './context.js';

/**
 * GetConfiguration and ChangeConfiguration (OCPP 1.6 §5.8, §5.3). No key asks for every key; named
 * keys come back with the unknown ones in `unknownKey`. More keys than GetConfigurationMaxKeys is
 * a request the station cannot take: CALLERROR OccurrenceConstraintViolation (OCPP-J 1.6 §4.2.3,
 * spelt OccurenceConstraintViolation on the 1.6 wire), rather than a silently shortened answer.
 */
export function configurationHandlers(context: Station16Context): Record<string, Station16Handler> {
  const { configuration } = context;
  return {
    GetConfiguration: (payload) => {
      const keys = payload['key'] as string[] | undefined;
      if (keys === undefined || keys.length === 0) return { configurationKey: configuration.report() };
      const max = configuration.number('GetConfigurationMaxKeys', Infinity);
      if (keys.length > max) throw new OcppCallError('OccurrenceConstraintViolation', `${keys.length} keys requested, GetConfigurationMaxKeys is ${max}`);
      const known = keys.flatMap((key) => configuration.reportKey(key) ?? []);
      const unknown = keys.filter((key) => !configuration.has(key));
      return { ...(known.length > 0 ? { configurationKey: known } : {}), ...(unknown.length > 0 ? { unknownKey: unknown } : {}) };
    },
    ChangeConfiguration: (payload) => {
      const key = payload['key'] as string;
      const value = payload['value'] as string;
      const outcome = configuration.change(key, value);
      context.note(`ChangeConfiguration ${key} → ${outcome.status}${outcome.reason ? ` (${outcome.reason})` : ''}`);
      // Security WP §A04 / appendix: a change of a security parameter is a (non-critical) security event.
      if (outcome.status === 'Accepted' && (key === 'SecurityProfile' || key === 'AuthorizationKey')) context.security.record('ReconfigurationOfSecurityParameters', context.clock.now(), key);
      return { status: outcome.status };
    },
  };
}
