/**
 * Two settlements of the same data side by side (issue 13), the library's `compare` and `whatif`:
 * - compare: the same months under a base schedule and a reform (a draft revision, often a schedule file that
 *   `extends` the built-in and changes a few rates), as OpenFisca computes a reform beside the law;
 * - whatif: the same schedule over the data and over the data with some cells changed (`--set`). A unit's own
 *   value moves its group's baseline, so its neighbours' amounts move too: every unit is shown.
 * Each side is a plain settlement (app/settle.ts) — the tests hold both to a settle of the edited inputs.
 */
import { difference, type Difference, type SideLabels } from '../engine/difference.js';
export type { SideLabels };
import type { MonthSettlement } from '../engine/types.js';
import type { Schedule } from '../schedule/format.js';
import type { RenderMeta } from '../core/meta.js';
import { nodeReader, type Reader } from './files.js';
import { settle, type SettleOptions } from './settle.js';
import { optionalList, requireList, throwIfAny } from './options.js';


export interface Compared {
  difference: Difference;
  labels: SideLabels;
  /** Each side's settlement, month by month (for a caller who wants the full detail). */
  before: readonly MonthSettlement[];
  after: readonly MonthSettlement[];
  /** The schedules of the months, each side. */
  beforeSchedules: readonly Schedule[];
  afterSchedules: readonly Schedule[];
  notices: string[];
  meta: RenderMeta;
}

type DataOptions = Omit<SettleOptions, 'rules' | 'set' | 'inMemory' | 'onMonth'>;

export interface CompareOptions extends DataOptions {
  /** The schedules in force (built-in ids or files); default the built-in. */
  base?: readonly string[];
  /** The schedules proposed: built-in ids or files. */
  reform: readonly string[];
}

export interface WhatifOptions extends DataOptions {
  /** The schedules (built-in ids or files); default the built-in. */
  rules?: readonly string[];
  /** Each a changed cell, `MONTH:UNIT:FIELD=VALUE` (FIELD a monthly data column, English or Chinese). */
  set: readonly string[];
}

const scheduleLabel = (schedules: readonly Schedule[]) => [...new Set(schedules.map((s) => `${s.title}（${s.document}）`))].join('；');

async function sides(before: SettleOptions, after: SettleOptions, reader: Reader): Promise<Omit<Compared, 'labels'>> {
  const b = await settle({ ...before, inMemory: true }, reader);
  const a = await settle({ ...after, inMemory: true }, reader);
  const bm = b.all().months;
  const am = a.all().months;
  return {
    difference: difference(bm, am),
    before: bm,
    after: am,
    beforeSchedules: b.monthSchedules,
    afterSchedules: a.monthSchedules,
    notices: [...new Set([...b.notices, ...a.notices])],
    meta: { sources: [...b.meta.sources, ...a.meta.sources.filter((s) => !b.meta.sources.some((x) => x.file === s.file && x.sha256 === s.sha256))], generator: b.meta.generator },
  };
}

/** The data settled under the base schedules and under the reform, month by month and unit by unit. */
export async function compare(opts: CompareOptions, reader: Reader = nodeReader): Promise<Compared> {
  throwIfAny([...requireList(opts.reform, 'reform'), ...optionalList(opts.base, 'base')]);
  const { base, reform, ...data } = opts;
  const s = await sides({ ...data, ...(base ? { rules: base } : {}) }, { ...data, rules: reform }, reader);
  return { ...s, labels: { kind: 'compare', base: scheduleLabel(s.beforeSchedules), reform: scheduleLabel(s.afterSchedules) } };
}

/** The data settled as given and with the cells of `set` changed: every unit's net before and after. */
export async function whatif(opts: WhatifOptions, reader: Reader = nodeReader): Promise<Compared> {
  throwIfAny([...requireList(opts.set, 'set'), ...optionalList(opts.rules, 'rules')]);
  const { set, ...rest } = opts;
  const s = await sides(rest, { ...rest, set }, reader);
  return { ...s, labels: { kind: 'whatif', schedules: scheduleLabel(s.beforeSchedules), edits: set } };
}
