/**
 * Keeps secrets out of the evidence: the station's Basic-auth password as it travels in
 * BasicAuthPassword (SetVariables, GetVariables results, NotifyReport, NotifyEvent) and the
 * network-profile credentials of SetNetworkProfile (the APN and VPN secrets, and the user and
 * password or query of an `ocppCsmsUrl`). The payload and the verbatim text are both redacted; the
 * record says that it was. One redaction for every output: the journal redacts frames, the session
 * redacts the answers the audit works with (so evidence, result, reports and terminal never hold
 * a secret), and `redactUrl` keeps credentials of URLs out of connection records.
 */
export const REDACTED = '[redacted]';

const SECRET_VARIABLE = /^BasicAuthPassword$/i;
/** Fields that hold a variable's value in the device-model messages. */
const VALUE_FIELDS = ['attributeValue', 'value', 'actualValue'] as const;
/** SetNetworkProfile credentials, by the object they sit in. */
const SECRET_FIELDS = new Map<string, readonly string[]>([
  ['apn', ['apnPassword', 'simPin']],
  ['vpn', ['password', 'key']],
]);
/** SetNetworkProfile URL fields whose credentials (userinfo, query) are removed, keeping the rest. */
const URL_FIELDS = new Map<string, readonly string[]>([['connectionData', ['ocppCsmsUrl']]]);

export interface Secret {
  field: string;
  value: string | number;
}

/** An answer's payload with its secrets removed (what the audit, its evidence and its reports work with). */
export function redactedValue<T>(payload: T): T {
  return redactPayload(payload).payload as T;
}

export interface Redaction {
  payload: unknown;
  /** The secret values removed (with the field they sat in), to be scrubbed from the raw text too. */
  secrets: Secret[];
}

/**
 * A deep copy of the payload with its secrets replaced; the original is left alone. A payload
 * without secrets (nearly every frame) is returned as it is, uncopied: the copy would be equal to
 * it, and copying every frame's payload was the frame path's largest cost after parsing. Payloads
 * are read-only past this point (journal, inbox, evidence).
 */
export function redactPayload(payload: unknown): Redaction {
  if (!holdsSecret(payload, undefined)) return { payload, secrets: [] };
  const secrets: Secret[] = [];
  const walk = (node: unknown, parentKey: string | undefined): unknown => {
    if (Array.isArray(node)) return node.map((item) => walk(item, parentKey));
    if (node === null || typeof node !== 'object') return node;
    // fromEntries defines own properties, so a station's "__proto__" key is kept as data, not
    // taken as a prototype.
    const copy: Record<string, unknown> = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value, key)]));
    for (const [target, field] of secretPlaces(copy, parentKey)) scrub(target, field, secrets);
    return copy;
  };
  return { payload: walk(payload, undefined), secrets };
}

/**
 * Whether redactPayload would replace anything, read-only and without copying.
 * Recursion is bounded: frames nest at most MAX_NESTING_DEPTH levels (src/ocpp/frame.ts).
 */
function holdsSecret(node: unknown, parentKey: string | undefined): boolean {
  if (Array.isArray(node)) {
    for (const item of node) if (holdsSecret(item, parentKey)) return true;
    return false;
  }
  if (node === null || typeof node !== 'object') return false;
  const source = node as Record<string, unknown>;
  for (const [target, field] of secretPlaces(source, parentKey)) if (isSecretValue(target[field], field)) return true;
  // Every key the copy's Object.entries sees ("__proto__" included), and no key array allocated:
  // this runs on every object of every frame.
  for (const key in source) if (holdsSecret(source[key], key)) return true;
  return false;
}

const NO_PLACES: ReadonlyArray<readonly [Record<string, unknown>, string]> = [];

/**
 * The rules, in one place: the fields of one object (or of its variableAttribute entries) that
 * hold a secret when they hold a value. Nearly every object has none, and gets a shared empty
 * list: this runs on every object of every frame.
 */
function secretPlaces(source: Record<string, unknown>, parentKey: string | undefined): ReadonlyArray<readonly [Record<string, unknown>, string]> {
  const variable = source['variable'] as { name?: unknown } | undefined;
  const isSecretVariable = typeof variable?.name === 'string' && SECRET_VARIABLE.test(variable.name);
  const credentials = parentKey === undefined ? undefined : (SECRET_FIELDS.get(parentKey) ?? URL_FIELDS.get(parentKey));
  if (!isSecretVariable && credentials === undefined) return NO_PLACES;
  const places: Array<readonly [Record<string, unknown>, string]> = [];
  if (isSecretVariable) {
    for (const field of VALUE_FIELDS) places.push([source, field]);
    if (Array.isArray(source['variableAttribute'])) {
      for (const attribute of source['variableAttribute'] as unknown[]) {
        if (attribute && typeof attribute === 'object') places.push([attribute as Record<string, unknown>, 'value']);
      }
    }
  }
  for (const field of credentials ?? []) places.push([source, field]);
  return places;
}

/** What scrub replaces: a non-empty string or a number; in a URL field, a URL that carries credentials. */
function isSecretValue(value: unknown, field: string): boolean {
  if (URL_FIELD_NAMES.has(field)) return typeof value === 'string' && redactUrl(value) !== value;
  return (typeof value === 'string' && value !== '') || typeof value === 'number';
}

const URL_FIELD_NAMES = new Set([...URL_FIELDS.values()].flat());

function scrub(target: Record<string, unknown>, field: string, secrets: Secret[]): void {
  const value = target[field];
  if (!isSecretValue(value, field)) return;
  secrets.push({ field, value: value as string | number });
  target[field] = URL_FIELD_NAMES.has(field) ? redactUrl(value as string) : REDACTED;
}

/**
 * A URL without its credentials: the user and password before '@' and the value of every query
 * parameter (a token in the query is a password too) become `[redacted]`; scheme, host, port,
 * path and parameter names stay, so the evidence still shows where the station was sent.
 * Works on the text, so it also takes URLs that are not well formed.
 */
export function redactUrl(url: string): string {
  const withoutUser = url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#@]*@/, (_m, scheme: string) => `${scheme}${REDACTED}@`);
  const query = withoutUser.indexOf('?');
  if (query < 0) return withoutUser;
  const hash = withoutUser.indexOf('#', query);
  const end = hash < 0 ? withoutUser.length : hash;
  const params = withoutUser
    .slice(query + 1, end)
    .split('&')
    .map((param) => {
      const eq = param.indexOf('=');
      return eq < 0 ? param : `${param.slice(0, eq)}=${REDACTED}`;
    })
    .join('&');
  return `${withoutUser.slice(0, query + 1)}${params}${withoutUser.slice(end)}`;
}

/**
 * Removes the secret values from a frame's verbatim text. The text is parsed and written again
 * from the redacted value when it is JSON, so a secret written with JSON escapes (`\u0061`) cannot
 * survive; then, and for text that does not parse, the values are also matched as JSON string
 * literals and as JSON numbers after a key, so the text stays JSON.
 */
export function redactRaw(raw: string, secrets: readonly Secret[]): string {
  if (secrets.length === 0) return raw;
  let text = raw;
  try {
    text = JSON.stringify(redactPayload(JSON.parse(raw) as unknown).payload);
  } catch {
    // Not JSON: the literal matching below is all that can be done.
  }
  for (const { field, value } of secrets) {
    if (typeof value === 'string') {
      text = text.split(JSON.stringify(value)).join(JSON.stringify(REDACTED));
    } else {
      const number = String(value).replace(/[.+-]/g, (c) => `\\${c}`);
      text = text.replace(new RegExp(`("${field}"\\s*:\\s*)${number}(?![\\d.eE])`, 'g'), `$1${JSON.stringify(REDACTED)}`);
    }
  }
  return text;
}
