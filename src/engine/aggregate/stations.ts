/**
 * Feeds station rows, one at a time, into the unit aggregation: keeps each station's open day, closes it
 * when the station moves on to a later day, and refuses a row that goes back in time (a duplicate or an
 * unsorted export), which would otherwise need the whole file in memory.
 */
import type { AqiPollutant } from '../../schedule/aqi.js';
import { ProblemLog, type SourceRef } from '../../core/problems.js';
import { HourlyDay, UnitAggregator, dailyFromExport } from './days.js';
import { type HourlyPollutant } from '../../schedule/aqi.js';

/** Where a row of a raw export is. */
export type At = SourceRef;

/** The collector of faults shared by every reader; the raw-data path takes it from here. */
export { ProblemLog };

interface StationState {
  unitId: string;
  unitAt: At;
  open?: HourlyDay;
  /** The last day given or closed for this station. */
  lastDay?: string;
}

export class StationFeeder {
  private readonly stations = new Map<string, StationState>();
  constructor(
    readonly aggregator: UnitAggregator,
    private readonly log: ProblemLog,
    private readonly unitName: (id: string) => string,
  ) {}

  private station(station: string, unitId: string, at: At): StationState | undefined {
    const s = this.stations.get(station);
    if (!s) {
      const fresh = { unitId, unitAt: at };
      this.stations.set(station, fresh);
      return fresh;
    }
    if (s.unitId !== unitId) {
      this.log.add({ ...at, message: `station "${station}" is in ${this.unitName(unitId)} here but in ${this.unitName(s.unitId)} at ${s.unitAt.file}:${s.unitAt.line}` });
      return undefined;
    }
    return s;
  }

  hour(station: string, unitId: string, day: string, hour: number, values: Partial<Record<HourlyPollutant, number | null>>, at: At): void {
    const s = this.station(station, unitId, at);
    if (!s) return;
    if (s.open && s.open.day !== day) {
      if (day < s.open.day) return this.outOfOrder(station, day, s.open.day, at);
      this.close(s);
    }
    if (!s.open) {
      if (s.lastDay !== undefined && day <= s.lastDay) return this.outOfOrder(station, day, s.lastDay, at);
      s.open = new HourlyDay(day);
    }
    if (!s.open.add(hour, values)) this.log.add({ ...at, message: `station "${station}" has ${day} ${String(hour).padStart(2, '0')}:00 twice` });
  }

  day(station: string, unitId: string, day: string, values: Partial<Record<AqiPollutant, number | null>>, at: At): void {
    const s = this.station(station, unitId, at);
    if (!s) return;
    if (s.open) {
      if (day <= s.open.day) return this.outOfOrder(station, day, s.open.day, at);
      this.close(s);
    }
    if (s.lastDay !== undefined && day <= s.lastDay) return this.outOfOrder(station, day, s.lastDay, at);
    s.lastDay = day;
    this.aggregator.addStationDay(s.unitId, day, dailyFromExport(values));
  }

  private close(s: StationState): void {
    if (!s.open) return;
    const { values, o3_8hDropped } = s.open.summary();
    this.aggregator.addStationDay(s.unitId, s.open.day, values, o3_8hDropped);
    s.lastDay = s.open.day;
    s.open = undefined;
  }

  private outOfOrder(station: string, day: string, after: string, at: At): void {
    this.log.add({
      ...at,
      message: `station "${station}": ${day} comes after ${after}; each station's rows must be in time order without repeats (sort the export by station and time)`,
    });
  }

  /** Closes every open station-day; call once at the end of the input. */
  finish(): void {
    for (const s of this.stations.values()) this.close(s);
  }
}
