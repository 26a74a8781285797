import type { DeviceModel } from '../device-model/device-model.js';
import { componentLabel, variableLabel, type ComponentRef, type VariableRef } from '../device-model/types.js';
import { systemClock, type Clock } from '../monitoring/clock.js';
import type { SensorBinding } from '../station-profile.js';
import { hashText, seededRandom } from './seeded-random.js';

/** A sensor whose value a scenario computes from the station's time (epoch ms), instead of the profile's wave. */
export interface ScenarioSensor {
  component: ComponentRef;
  variable: VariableRef;
  value: (stationTimeMs: number) => number;
  decimals?: number;
}

/** The fewest real milliseconds between two readings, however fast the station's clock runs. */
const MIN_REAL_TICK_MS = 50;

/**
 * Moves the profile's sensor values over time, deterministically for a seed: a triangle wave
 * (e.g. a connector heating up under load and cooling down), a sine, or a bounded random walk.
 * Values go into the device model as the station's own changes, so monitors see them (N07).
 */
export class SensorDriver {
  readonly #model: DeviceModel;
  readonly #sensors: Array<{ binding: SensorBinding; random: () => number; walk: number; integer: boolean }>;
  readonly #clock: Clock;
  readonly #scenarioSensors = new Map<string, ScenarioSensor>();
  #timer: NodeJS.Timeout | undefined;
  #startedAt = 0;

  constructor(model: DeviceModel, sensors: readonly SensorBinding[], seed: number, clock: Clock = systemClock) {
    this.#model = model;
    this.#clock = clock;
    this.#sensors = sensors.map((binding) => {
      const found = model.lookup(binding.component, binding.variable);
      const integer = found.status === 'Found' && found.entry.characteristics.dataType === 'integer';
      const key = `${componentLabel(binding.component)}.${variableLabel(binding.variable)}`;
      return { binding, random: seededRandom(seed ^ hashText(key)), walk: (binding.spec.min + binding.spec.max) / 2, integer };
    });
  }

  /** Lets a scenario drive a variable; the profile's wave for it, if any, stops. */
  override(sensor: ScenarioSensor): void {
    this.#scenarioSensors.set(keyOf(sensor.component, sensor.variable), sensor);
  }

  /**
   * Starts moving the values every `intervalMs` of station time (but no more often than every
   * MIN_REAL_TICK_MS of real time); the first reading is taken at once.
   */
  start(intervalMs: number): void {
    this.stop();
    this.#startedAt = this.#clock.now();
    this.tick();
    const scale = 'scale' in this.#clock ? Number(this.#clock.scale) : 1;
    this.#timer = setInterval(() => this.tick(), Math.max(intervalMs / scale, Math.min(intervalMs, MIN_REAL_TICK_MS)));
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Takes one reading of every sensor at the station's current time. */
  tick(now = this.#clock.now()): void {
    const seconds = (now - this.#startedAt) / 1000;
    for (const sensor of this.#scenarioSensors.values()) {
      const found = this.#model.lookup(sensor.component, sensor.variable);
      const integer = found.status === 'Found' && found.entry.characteristics.dataType === 'integer';
      const value = sensor.value(now);
      this.#model.setByStation(sensor.component, sensor.variable, integer ? String(Math.round(value)) : value.toFixed(sensor.decimals ?? 1));
    }
    for (const sensor of this.#sensors) {
      if (this.#scenarioSensors.has(keyOf(sensor.binding.component, sensor.binding.variable))) continue;
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

function keyOf(component: ComponentRef, variable: VariableRef): string {
  return `${componentLabel(component)}.${variableLabel(variable)}`;
}
