import type { Evidence } from './evidence.js';

/** One OCPP 1.6 configuration key as GetConfiguration.conf lists it (1.6 §6.23, §9). */
export interface ConfigurationKey {
  key: string;
  readonly: boolean;
  value?: string;
}

/** What the station's GetConfiguration answers said: the 1.6 counterpart of the device model. */
export interface ConfigurationKeys {
  /** Keys by name, from the last full GetConfiguration (no `key` asked), else from every answer. */
  keys: ConfigurationKey[];
  /** True when a GetConfiguration without `key` (= all keys) was answered. */
  complete: boolean;
  /** Journal seqs of the GetConfiguration exchanges the keys come from. */
  seqs: number[];
}

/**
 * The station's configuration keys from the evidence: every GetConfiguration a case sent and the
 * station answered. A full listing (no `key` in the request) is the inventory; keys read one by one
 * add to it. OCPP 1.6 has no device model, so this is what the 1.6 guideline and checks judge.
 */
export function configurationKeysOf(evidence: Pick<Evidence, 'cases'>): ConfigurationKeys {
  const byName = new Map<string, ConfigurationKey>();
  const seqs: number[] = [];
  let complete = false;
  for (const testCase of evidence.cases) {
    for (const capture of Object.values(testCase.captures)) {
      if (capture.kind !== 'call' || capture.action !== 'GetConfiguration' || !capture.ok || !capture.response) continue;
      const listed = capture.response['configurationKey'];
      if (!Array.isArray(listed)) continue;
      const asked = capture.request['key'];
      if (!Array.isArray(asked) || asked.length === 0) complete = true;
      seqs.push(...capture.seqs);
      for (const entry of listed as Array<Record<string, unknown>>) {
        if (typeof entry['key'] !== 'string') continue;
        byName.set(entry['key'], {
          key: entry['key'],
          readonly: entry['readonly'] === true,
          ...(typeof entry['value'] === 'string' ? { value: entry['value'] } : {}),
        });
      }
    }
  }
  return { keys: [...byName.values()], complete, seqs };
}

/** The value of one key, if the station listed it. */
export function configurationValue(keys: ConfigurationKeys, key: string): string | undefined {
  return keys.keys.find((entry) => entry.key === key)?.value;
}

/** SupportedFeatureProfiles as a list (a comma-separated value, OCPP 1.6 §9.1.29). */
export function supportedFeatureProfiles(keys: ConfigurationKeys): string[] {
  return (configurationValue(keys, 'SupportedFeatureProfiles') ?? '').split(',').map((p) => p.trim()).filter(Boolean);
}
