import type { Station16Context } from './context.js';

/** Units of the measurands this meter samples (1.6 §7.46 UnitOfMeasure). */
const UNIT: Record<string, string> = {
  'Energy.Active.Import.Register': 'Wh',
  'Power.Active.Import': 'W',
  'Current.Import': 'A',
  Voltage: 'V',
  'Current.Offered': 'A',
  'Power.Offered': 'W',
  Temperature: 'Celsius',
};

/**
 * The MeterValues.req of a connector with the latest reading of each measurand in
 * MeterValuesSampledData (1.6 §5.17: triggered values are the most recent ones, context Trigger).
 * The station charges no vehicle: power and current are 0, the register stands still, the voltage
 * and temperature move a little (seeded).
 */
export function meterValuesOf(context: Station16Context, connectorId: number, readingContext: 'Trigger' | 'Sample.Periodic' = 'Trigger'): Record<string, unknown> {
  const measurands = (context.configuration.get('MeterValuesSampledData') ?? 'Energy.Active.Import.Register').split(',').map((m) => m.trim()).filter((m) => m !== '');
  const sampledValue = measurands.map((measurand) => ({
    value: reading(context, measurand, connectorId),
    context: readingContext,
    measurand,
    ...(UNIT[measurand] ? { unit: UNIT[measurand] } : {}),
  }));
  return { connectorId, meterValue: [{ timestamp: new Date(context.clock.now()).toISOString(), sampledValue }] };
}

function reading(context: Station16Context, measurand: string, connectorId: number): string {
  switch (measurand) {
    case 'Energy.Active.Import.Register':
      return String(1_234_000 + connectorId * 1000);
    case 'Voltage':
      return (229 + context.random() * 3).toFixed(1);
    case 'Temperature':
      return (24 + context.random() * 2).toFixed(1);
    case 'Current.Offered':
      return '32';
    case 'Power.Offered':
      return '22000';
    default:
      return '0';
  }
}
