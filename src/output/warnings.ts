/**
 * The words of the engine's warnings (SettlementWarning): the same text on standard error and in the JSON.
 * The engine reports what it found as data; what a reader is told about it is said here.
 */
import { plain } from '../core/decimal.js';
import type { MonthSettlement, SettlementWarning } from '../engine/types.js';
import { placeOf, type SourceRef } from '../core/problems.js';

const POLLUTANT = { pm25: 'PM2.5', pm10: 'PM10' } as const;

function at(source: SourceRef | undefined): string {
  if (!source) return '';
  return ` (${placeOf(source)})`;
}

export function warningMessage(w: SettlementWarning): string {
  switch (w.code) {
    case 'W-PM25-ABOVE-PM10':
      return `PM2.5 ${plain(w.pm25)} is above PM10 ${plain(w.pm10)}${at(w.source)}; PM2.5 is part of PM10, so one of the two values is likely wrong. Settled as given`;
    case 'W-RATE-BELOW-MINUS-100': {
      const lastYear = w.lastYear.before.eq(w.lastYear.after) ? plain(w.lastYear.after) : `${plain(w.lastYear.before)} (rounded to ${plain(w.lastYear.after)})`;
      return `the ${POLLUTANT[w.pollutant]} improvement rate is ${plain(w.rate)} %, below -100 %: ${plain(w.thisYear)} this year against ${lastYear} last year${at(w.source)}; check last year's value. Settled as given`;
    }
  }
}

/** The same in Chinese. */
export function warningMessageZh(w: SettlementWarning): string {
  switch (w.code) {
    case 'W-PM25-ABOVE-PM10':
      return `PM2.5 ${plain(w.pm25)} 高于 PM10 ${plain(w.pm10)}${at(w.source)}；PM2.5 是 PM10 的一部分，两个值中很可能有一个有误。已按所给数值核算`;
    case 'W-RATE-BELOW-MINUS-100': {
      const lastYear = w.lastYear.before.eq(w.lastYear.after) ? plain(w.lastYear.after) : `${plain(w.lastYear.before)}（修约为 ${plain(w.lastYear.after)}）`;
      return `${POLLUTANT[w.pollutant]} 同比改善率为 ${plain(w.rate)}%，低于 -100%：今年 ${plain(w.thisYear)}，去年同期 ${lastYear}${at(w.source)}；请核对去年同期值。已按所给数值核算`;
    }
  }
}

/** A month's warnings as JSON lists them: `{code, county, id, message}`. */
export function warningsJson(m: MonthSettlement): { code: string; county: string; id: string; message: string }[] {
  return m.warnings.map((w) => ({ code: w.code, county: unitName(m, w.unitId), id: w.unitId, message: warningMessage(w) }));
}

/** A month's warnings as lines for standard error (without the "ecocomp: warning: " prefix), in English and Chinese. */
export function warningLines(m: MonthSettlement): { code: string; en: string; zh: string }[] {
  return m.warnings.map((w) => ({ code: w.code, en: `${m.month} ${unitName(m, w.unitId)}: ${warningMessage(w)}`, zh: `${m.month} ${unitName(m, w.unitId)}：${warningMessageZh(w)}` }));
}

function unitName(m: MonthSettlement, unitId: string): string {
  return m.schedule.units.find((u) => u.id === unitId)?.name ?? unitId;
}
