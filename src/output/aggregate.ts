/** The monthly table that `aggregate` produces: exactly the input of `settle` (SPEC.md §3), or JSON with the counts behind it. */
import type { UnitMonth } from '../engine/aggregate/days.js';
import { addMonths, daysInMonth } from '../core/month.js';
import type { UnitRule } from '../schedule/format.js';
import { csvDocument, formatted, neutralise, type CsvCell } from './csv.js';
import { VALIDITY } from '../schedule/aqi.js';

export interface AggregateResult {
  unitMonths: UnitMonth[];
  /**
   * With --provisional, the current month (its unit-months marked provisional) and, per unit, last year's values
   * over the same days (null where the data do not hold them: then last year's whole month is used).
   */
  provisional?: { month: string; through: string; sameDaysLastYear: ReadonlyMap<string, UnitMonth | null> };
  units: readonly UnitRule[];
  /** A unit's name in a month, as the schedule in force for the month names it. */
  unitName: (unitId: string, month: string) => string;
}

/** Last year's figures for a unit-month: the same days of last year for a provisional month where the data hold them. */
function lastYearOf(r: AggregateResult, m: UnitMonth): UnitMonth | undefined {
  const same = m.provisional ? r.provisional?.sameDaysLastYear.get(m.unitId) : undefined;
  if (same?.valid) return same;
  const earlier = addMonths(m.month, -12);
  const u = r.unitMonths.find((x) => x.unitId === m.unitId && x.month === earlier);
  return u?.valid ? u : undefined;
}

function ordered(r: AggregateResult): UnitMonth[] {
  const order = new Map(r.units.map((u, i) => [u.id, i]));
  return [...r.unitMonths].sort((a, b) => a.month.localeCompare(b.month) || (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0));
}


/**
 * How the county column names a unit. This CSV is settle's input, read back by name: a name a spreadsheet would
 * run as a formula (or one holding control characters) is written as the unit's id instead, which settle reads as
 * the same unit and which can be neither (docs/decisions.md). Any other name is written as it is, quoted if needed.
 */
function countyCell(r: AggregateResult, id: string, month: string): string {
  const name = r.unitName(id, month);
  return neutralise(name) === name && !/[\u0000-\u001f\u007f-\u009f]/.test(name) ? name : id;
}

/** Valid unit-months only: an invalid one is never written as if it were valid. */
export function renderAggregateCsv(r: AggregateResult, months: ReadonlySet<string> | null): string {
  const rows = ordered(r).filter((m) => m.valid && (months === null || months.has(m.month)));
  const withLastYear = rows.some((m) => lastYearOf(r, m));
  const withProvisional = rows.some((m) => m.provisional);
  const header = ['month', 'county', 'pm25', 'pm10', 'good_days', ...(withLastYear ? ['pm25_last_year', 'pm10_last_year'] : []), ...(withProvisional ? ['provisional_through', 'last_year_through'] : [])];
  const value = (x: number | null) => formatted(String(x));
  const records = rows.map((m) => {
    const ly = lastYearOf(r, m);
    const cells: CsvCell[] = [formatted(m.month), formatted(countyCell(r, m.unitId, m.month)), value(m.pm25), value(m.pm10), value(m.goodDays)];
    if (withLastYear) cells.push(ly ? value(ly.pm25) : '', ly ? value(ly.pm10) : '');
    if (withProvisional) cells.push(m.provisional ? formatted(m.provisional.through) : '', m.provisional && ly ? formatted(lastYearThrough(ly)) : '');
    return cells;
  });
  return csvDocument(header, records);
}

export function renderAggregateJson(r: AggregateResult, months: ReadonlySet<string> | null): string {
  const unitMonths = ordered(r)
    .filter((m) => months === null || months.has(m.month))
    .map((m) => {
      const ly = lastYearOf(r, m);
      return {
        month: m.month,
        county: r.unitName(m.unitId, m.month),
        id: m.unitId,
        valid: m.valid,
        pm25: m.pm25 === null ? null : String(m.pm25),
        pm10: m.pm10 === null ? null : String(m.pm10),
        goodDays: String(m.goodDays),
        pm25LastYear: ly ? String(ly.pm25) : null,
        pm10LastYear: ly ? String(ly.pm10) : null,
        validDays: m.validDays,
        daysInData: m.daysInData,
        daysNeeded: m.daysNeeded,
        aqiStandards: m.standards,
        o3_8hDropped: m.o3_8hDropped,
        ...(m.provisional ? { provisional: { through: m.provisional.through, lastYearThrough: ly ? lastYearThrough(ly) : null, rule: PROVISIONAL_RULE } } : {}),
      };
    });
  return `${JSON.stringify({ aggregateVersion: 1, validity: VALIDITY.ref, unitMonths }, null, 2)}\n`;
}

/** The rule a provisional month is held to, as the JSON states it. */
export const PROVISIONAL_RULE =
  'month to date: the validity rule applied to the days elapsed — as many days may be missing as in a whole month (days of the month − 27, or − 25 in February); last year over the same days where the data hold them, else last year\'s whole month';

/** The last day of last year's days behind a provisional month's last-year figures: the same day, or the month's end. */
function lastYearThrough(ly: UnitMonth): string {
  const end = ly.provisional?.through;
  if (end) return end;
  return `${ly.month}-${String(daysInMonth(ly.month)).padStart(2, '0')}`;
}

/** "魏都区 2023-02: 24 valid PM2.5 days and 24 valid PM10 days, 25 needed". */
export function describeInvalid(r: AggregateResult, m: UnitMonth): string {
  return `${r.unitName(m.unitId, m.month)} ${m.month}: ${m.validDays.pm25} valid PM2.5 days and ${m.validDays.pm10} valid PM10 days, ${m.daysNeeded} needed (${VALIDITY.ref}); not written`;
}

/** As describeInvalid, in Chinese. */
export function describeInvalidZh(r: AggregateResult, m: UnitMonth): string {
  return `${r.unitName(m.unitId, m.month)} ${m.month}：PM2.5 有效天数 ${m.validDays.pm25} 天、PM10 有效天数 ${m.validDays.pm10} 天，至少需要 ${m.daysNeeded} 天（${VALIDITY.ref}）；未写出`;
}
