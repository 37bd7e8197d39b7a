/**
 * Feeds station rows, one at a time, into the unit aggregation, in either of two ways:
 * - `stream`: each station's rows in time order (the platform's export, sorted by time or by station and time, or
 *   either sorted by county): a station-day is closed when its station moves on to a later day, so memory holds one
 *   open day per station. A row that goes back in time ends the pass (RowsOutOfOrder): the caller reads again with
 *   `hold`.
 * - `hold`: rows in any order: every station-day stays open to the end, as compact state in typed arrays
 *   (HourSlots, about 0.4 KB a station-day), so memory grows with the station-days of the input, never its rows.
 * Both give the same station-days, and sums of integers do not depend on order: the output is the same.
 * A station-hour (or a station-day of a daily export) given twice is refused, naming both lines.
 */
import type { AqiPollutant } from '../../schedule/aqi.js';
import { ProblemLog, type SourceRef } from '../../core/problems.js';
import { MEAN_POLLUTANTS, UnitAggregator, dailyFromExport, summarizeHours } from './days.js';

/** Where a row of a raw export is. */
export type At = SourceRef;

/** The collector of faults shared by every reader; the raw-data path takes it from here. */
export { ProblemLog };

/** Thrown in `stream` mode at the first row that goes back in time for its station. */
export class RowsOutOfOrder extends Error {
  constructor() {
    super('rows out of time order: read again holding every station-day');
    this.name = 'RowsOutOfOrder';
  }
}

export type FeedMode = 'stream' | 'hold';

/** The values of one hour, HOURLY_POLLUTANTS order (pm25, pm10, so2, no2, co, o3), raw thousandths, NaN: missing. */
export type HourValues = ArrayLike<number>;

const MEANS = MEAN_POLLUTANTS.length;
const O3 = MEANS; // o3 follows the 24-h pollutants in HourValues

/**
 * The open station-days: per slot, the sum and count of each 24-h pollutant, the O3 of each hour, the hours given
 * (a bit each) and where each was given (file and line, to name both lines of a repeat). Slots of closed days are
 * reused.
 */
class HourSlots {
  capacity = 0;
  sums = new Float64Array(0);
  counts = new Uint8Array(0);
  o3 = new Float64Array(0);
  seen = new Int32Array(0);
  lines = new Uint32Array(0);
  files = new Uint32Array(0);
  private free: number[] = [];
  private used = 0;

  alloc(): number {
    const slot = this.free.pop() ?? this.used++;
    if (slot >= this.capacity) this.grow();
    this.sums.fill(0, slot * MEANS, (slot + 1) * MEANS);
    this.counts.fill(0, slot * MEANS, (slot + 1) * MEANS);
    this.o3.fill(NaN, slot * 24, (slot + 1) * 24);
    this.seen[slot] = 0;
    return slot;
  }

  release(slot: number): void {
    this.free.push(slot);
  }

  private grow(): void {
    const capacity = Math.max(64, this.capacity * 2);
    const grown = <T extends Float64Array | Uint8Array | Int32Array | Uint32Array>(a: T, per: number, make: (n: number) => T): T => {
      const b = make(capacity * per);
      b.set(a as never);
      return b;
    };
    this.sums = grown(this.sums, MEANS, (n) => new Float64Array(n));
    this.counts = grown(this.counts, MEANS, (n) => new Uint8Array(n));
    this.o3 = grown(this.o3, 24, (n) => new Float64Array(n));
    this.seen = grown(this.seen, 1, (n) => new Int32Array(n));
    this.lines = grown(this.lines, 24, (n) => new Uint32Array(n));
    this.files = grown(this.files, 24, (n) => new Uint32Array(n));
    this.capacity = capacity;
  }
}

interface StationState {
  name: string;
  index: number;
  unitId: string;
  unitAt: At;
  /** stream: the open day's slot (-1: none) and day. */
  open: number;
  openDay: string;
  /** stream: the latest day given for this station. */
  lastDay: string | undefined;
}

/** Station-day keys: a station's index and a day's, in one exact number. */
const DAYS_PER_STATION = 2 ** 22;

export class StationFeeder {
  private readonly stations = new Map<string, StationState>();
  private readonly slots = new HourSlots();
  /** hold: the slot of each station-day given by hours. */
  private readonly held = new Map<number, number>();
  private readonly heldStation: StationState[] = [];
  private readonly heldDay: string[] = [];
  /** Station-days given as days (a daily export), and where: file index × 2^32 + line. stream keeps none. */
  private readonly dailyAt = new Map<number, number>();
  private readonly dayIds = new Map<string, number>();
  private readonly files: string[] = [];
  private lastFile: string | undefined;
  private lastFileIndex = 0;

  constructor(
    readonly aggregator: UnitAggregator,
    private readonly log: ProblemLog,
    private readonly unitName: (id: string) => string,
    readonly mode: FeedMode = 'stream',
  ) {}

  private station(station: string, unitId: string, file: string, line: number): StationState | undefined {
    const s = this.stations.get(station);
    if (!s) {
      const fresh: StationState = { name: station, index: this.stations.size, unitId, unitAt: { file, line }, open: -1, openDay: '', lastDay: undefined };
      this.stations.set(station, fresh);
      return fresh;
    }
    if (s.unitId !== unitId) {
      this.log.add({
        file,
        line,
        code: 'E-STATION-UNIT',
        message: `station "${station}" is in ${this.unitName(unitId)} here but in ${this.unitName(s.unitId)} at ${s.unitAt.file}:${s.unitAt.line}`,
        zh: `站点“${station}”在此属于 ${this.unitName(unitId)}，而在 ${s.unitAt.file}:${s.unitAt.line} 属于 ${this.unitName(s.unitId)}`,
      });
      return undefined;
    }
    return s;
  }

  private fileIndex(file: string): number {
    if (file !== this.lastFile) {
      let i = this.files.indexOf(file);
      if (i < 0) i = this.files.push(file) - 1;
      [this.lastFile, this.lastFileIndex] = [file, i];
    }
    return this.lastFileIndex;
  }

  private key(s: StationState, day: string): number {
    let id = this.dayIds.get(day);
    if (id === undefined) this.dayIds.set(day, (id = this.dayIds.size));
    return s.index * DAYS_PER_STATION + id;
  }

  hour(station: string, unitId: string, day: string, hour: number, values: HourValues, file: string, line: number): void {
    const s = this.station(station, unitId, file, line);
    if (!s) return;
    const fileIndex = this.fileIndex(file);
    if (this.mode === 'stream') {
      if (s.open < 0 || s.openDay !== day) {
        if (s.lastDay !== undefined && day <= s.lastDay) throw new RowsOutOfOrder();
        this.close(s);
        [s.open, s.openDay, s.lastDay] = [this.slots.alloc(), day, day];
      }
      return this.addHour(s, s.open, day, hour, values, fileIndex, line);
    }
    const key = this.key(s, day);
    let slot = this.held.get(key);
    if (slot === undefined) {
      const given = this.dailyAt.get(key);
      if (given !== undefined) return this.twice(station, day, given, { file, line });
      this.held.set(key, (slot = this.slots.alloc()));
      [this.heldStation[slot], this.heldDay[slot]] = [s, day];
    }
    this.addHour(s, slot, day, hour, values, fileIndex, line);
  }

  private addHour(s: StationState, slot: number, day: string, hour: number, values: HourValues, fileIndex: number, line: number): void {
    const t = this.slots;
    const at24 = slot * 24 + hour;
    if (t.seen[slot]! & (1 << hour)) {
      const hh = `${day} ${String(hour).padStart(2, '0')}:00`;
      return this.twice(s.name, hh, t.files[at24]! * 2 ** 32 + t.lines[at24]!, { file: this.files[fileIndex]!, line });
    }
    t.seen[slot] = t.seen[slot]! | (1 << hour);
    t.lines[at24] = line;
    t.files[at24] = fileIndex;
    const at5 = slot * MEANS;
    for (let k = 0; k < MEANS; k++) {
      const v = values[k]!;
      if (v !== v) continue; // NaN: missing
      t.sums[at5 + k] = t.sums[at5 + k]! + v;
      t.counts[at5 + k] = t.counts[at5 + k]! + 1;
    }
    t.o3[at24] = values[O3]!;
  }

  day(station: string, unitId: string, day: string, values: Partial<Record<AqiPollutant, number | null>>, at: At): void {
    const s = this.station(station, unitId, at.file, at.line);
    if (!s) return;
    if (this.mode === 'stream') {
      if (s.lastDay !== undefined && day <= s.lastDay) throw new RowsOutOfOrder();
      this.close(s);
      s.lastDay = day;
    } else {
      const key = this.key(s, day);
      const slot = this.held.get(key);
      if (slot !== undefined) return this.twice(station, day, this.firstHourAt(slot), at);
      const given = this.dailyAt.get(key);
      if (given !== undefined) return this.twice(station, day, given, at);
      this.dailyAt.set(key, this.fileIndex(at.file) * 2 ** 32 + at.line);
    }
    this.aggregator.addStationDay(s.unitId, day, dailyFromExport(values));
  }

  /** Where the first hour (by hour) of a held station-day was given. */
  private firstHourAt(slot: number): number {
    const seen = this.slots.seen[slot]!;
    const hour = 31 - Math.clz32(seen & -seen);
    const at24 = slot * 24 + hour;
    return this.slots.files[at24]! * 2 ** 32 + this.slots.lines[at24]!;
  }

  private twice(station: string, when: string, first: number, at: At): void {
    const file = this.files[Math.floor(first / 2 ** 32)]!;
    const line = first % 2 ** 32;
    this.log.add({ ...at, message: `station "${station}" has ${when} twice (also at ${file}:${line})`, zh: `站点“${station}”的 ${when} 出现两次（另见 ${file}:${line}）` });
  }

  private close(s: StationState): void {
    if (s.open < 0) return;
    this.summarize(s, s.open, s.openDay);
    this.slots.release(s.open);
    s.open = -1;
  }

  private summarize(s: StationState, slot: number, day: string): void {
    const { values, o3_8hDropped } = summarizeHours(this.slots.sums, this.slots.counts, slot * MEANS, this.slots.o3, slot * 24);
    this.aggregator.addStationDay(s.unitId, day, values, o3_8hDropped);
  }

  /** Closes every open station-day; call once at the end of the input. */
  finish(): void {
    for (const s of this.stations.values()) this.close(s);
    for (const slot of this.held.values()) this.summarize(this.heldStation[slot]!, slot, this.heldDay[slot]!);
    this.held.clear();
  }
}
