import type { DeviceModelEntry } from '../evidence/evidence.js';

/**
 * The values that provoke an OCPP 2.1 target monitor on one variable (N07.FR.22/23): the attribute
 * the audit moves (Target when the station lets it be written, else Actual), a band the variable
 * starts well inside, two values of the moved attribute inside the band on either side of the other
 * attribute (a move between them is larger than the band, so a station that fires on any large
 * change is told apart from one that fires on leaving the band), and one outside it. The same for
 * TargetDeltaRelative when Target is above 0. Every value is checked against the rule it stands for
 * and against the variable's limits, so a probe never rests on a value the station must refuse.
 */
export interface TargetDeltaProbe {
  moves: 'Target' | 'Actual';
  /** The moved attribute's value as reported: where the case puts it back. */
  start: string;
  /** A TargetDelta value (absolute). */
  band: number;
  inside: number;
  insideOther: number;
  outside: number;
  /** A TargetDeltaRelative value, and moves inside and outside its band (Target above 0 only). */
  relative?: number;
  relativeInside?: number;
  relativeOutside?: number;
}

type Attribute = DeviceModelEntry['variableAttribute'][number];

/** The probe for a numeric variable with an Actual and a Target attribute, one of them writable; undefined when none fits its limits. */
export function targetDeltaProbe(entry: DeviceModelEntry): TargetDeltaProbe | undefined {
  const dataType = entry.variableCharacteristics?.dataType;
  if (dataType !== 'integer' && dataType !== 'decimal') return undefined;
  const actual = attribute(entry, 'Actual');
  const target = attribute(entry, 'Target');
  const a = numberOf(actual?.value);
  const t = numberOf(target?.value);
  if (a === undefined || t === undefined) return undefined;
  const moves = target?.mutability === 'ReadWrite' ? 'Target' : actual?.mutability === 'ReadWrite' ? 'Actual' : undefined;
  if (moves === undefined) return undefined;
  const fixed = moves === 'Target' ? a : t;
  const start = moves === 'Target' ? t : a;
  const integer = dataType === 'integer';
  const round = (value: number): number => (integer ? Math.round(value) : Number(value.toFixed(4)));
  const min = entry.variableCharacteristics?.minLimit ?? Number.NEGATIVE_INFINITY;
  const max = entry.variableCharacteristics?.maxLimit ?? Number.POSITIVE_INFINITY;
  const fits = (value: number): boolean => Number.isFinite(value) && value >= min && value <= max && value !== start;
  // Actual − Target for a value of the moved attribute.
  const gapAt = (value: number): number => (moves === 'Target' ? fixed - value : value - fixed);
  const gap = Math.abs(gapAt(start));

  const absolute = bands(gap, integer).map((band) => {
    const inside = (value: number): boolean => Math.abs(gapAt(value)) <= band;
    const near = [1, -1].map((side) => round(fixed + (side * band * 2) / 3)).filter((value) => fits(value) && inside(value));
    const outside = [1, -1].map((side) => round(fixed + side * band * 1.5)).find((value) => fits(value) && !inside(value));
    return near.length > 0 && outside !== undefined ? { band, inside: near[0], insideOther: near[1] ?? near[0], outside } : undefined;
  }).find((found) => found !== undefined);
  if (!absolute) return undefined;
  const probe: TargetDeltaProbe = { moves, start: (moves === 'Target' ? target?.value : actual?.value) ?? String(start), ...absolute };

  // Relative: |Actual − Target| ≤ relative × Target, with Target as it is after the move.
  if (t > 0) {
    const relative = Math.ceil(Math.max(0.1, (2 * gap) / t) * 100) / 100;
    const targetAt = (value: number): number => (moves === 'Target' ? value : fixed);
    const inside = (value: number): boolean => Math.abs(gapAt(value)) <= relative * targetAt(value);
    const scale = relative * t;
    const candidates = (factors: number[]): number[] => factors.flatMap((factor) => [1, -1].map((side) => round(fixed + side * factor * scale)));
    const relativeInside = candidates([0.5, 0.25]).find((value) => fits(value) && inside(value) && targetAt(value) > 0);
    const relativeOutside = candidates([2, 3, 5]).find((value) => fits(value) && !inside(value) && targetAt(value) > 0);
    if (relative < 1 && relativeInside !== undefined && relativeOutside !== undefined) Object.assign(probe, { relative, relativeInside, relativeOutside });
  }
  return probe;
}

/** Bands to try, widest first: the variable's deviation at the start plus a margin, at least 3 (0.3 for decimals on a narrow range). */
function bands(gap: number, integer: boolean): number[] {
  const first = Math.max(3, Math.ceil(gap) + 2);
  return integer ? [first] : [first, Number(Math.max(0.3, gap + 0.2).toFixed(4))];
}

function attribute(entry: DeviceModelEntry, type: string): Attribute | undefined {
  return entry.variableAttribute.find((a) => (a.type ?? 'Actual') === type);
}

function numberOf(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
