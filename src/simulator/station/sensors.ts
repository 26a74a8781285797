import type { DeviceModel } from '../device-model/device-model.js';
import { componentLabel, variableLabel } from '../device-model/types.js';
import type { SensorBinding } from '../station-profile.js';
import { hashText, seededRandom } from './seeded-random.js';

/**
 * Moves the profile's sensor values over time, deterministically for a seed: a triangle wave
 * (e.g. a connector heating up under load and cooling down), a sine, or a bounded random walk.
 * Values go into the device model as the station's own changes, so monitors see them (N07).
 */
export class SensorDriver {
  readonly #model: DeviceModel;
  readonly #sensors: Array<{ binding: SensorBinding; random: () => number; walk: number; integer: boolean }>;
  #timer: NodeJS.Timeout | undefined;
  #startedAt = 0;

  constructor(model: DeviceModel, sensors: readonly SensorBinding[], seed: number) {
    this.#model = model;
    this.#sensors = sensors.map((binding) => {
      const found = model.lookup(binding.component, binding.variable);
      const integer = found.status === 'Found' && found.entry.characteristics.dataType === 'integer';
      const key = `${componentLabel(binding.component)}.${variableLabel(binding.variable)}`;
      return { binding, random: seededRandom(seed ^ hashText(key)), walk: (binding.spec.min + binding.spec.max) / 2, integer };
    });
  }

  /** Starts moving the values every `intervalMs`; the first reading is taken at once. */
  start(intervalMs: number): void {
    this.stop();
    this.#startedAt = Date.now();
    this.tick();
    this.#timer = setInterval(() => this.tick(), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Takes one reading of every sensor at the current time. */
  tick(now = Date.now()): void {
    const seconds = (now - this.#startedAt) / 1000;
    for (const sensor of this.#sensors) {
      const { spec } = sensor.binding;
      const span = spec.max - spec.min;
      const period = spec.periodS ?? 60;
      let value: number;
      if (spec.kind === 'walk') {
        sensor.walk += (sensor.random() * 2 - 1) * (spec.step ?? span / 20);
        value = sensor.walk;
      } else if (spec.kind === 'sine') {
        value = spec.min + span / 2 + (span / 2) * Math.sin((2 * Math.PI * seconds) / period);
      } else {
        const phase = (seconds % period) / period;
        value = spec.min + span * (phase < 0.5 ? phase * 2 : 2 - phase * 2);
      }
      value += (sensor.random() * 2 - 1) * (spec.noise ?? 0);
      value = Math.min(spec.max, Math.max(spec.min, value));
      if (spec.kind === 'walk') sensor.walk = value;
      const text = sensor.integer ? String(Math.round(value)) : value.toFixed(spec.decimals ?? 1);
      this.#model.setByStation(sensor.binding.component, sensor.binding.variable, text);
    }
  }
}
