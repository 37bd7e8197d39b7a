/**
 * The ledger: many settled months side by side, with running totals for each calendar year — per unit its
 * net and the year's total so far, per month the city's deductions, rewards and fund result (第八条) and
 * the fund's balance for the year so far. Pure, from a settlement.
 */
import { ZERO } from '../core/decimal.js';
import type { Dec } from '../core/decimal.js';
import type { Settlement } from './types.js';

export interface LedgerUnitMonth {
  month: string;
  net: Dec;
  runningTotal: Dec;
}

export interface LedgerUnit {
  unitId: string;
  /** The name of the year's latest month that settles the unit (a later schedule may have renamed it). */
  name: string;
  /** Other names the unit had in the year's earlier months, earliest first; empty when it kept one name. */
  earlierNames: string[];
  groupName: string;
  months: LedgerUnitMonth[];
  total: Dec;
}

export interface LedgerCityMonth {
  month: string;
  deductions: Dec;
  rewards: Dec;
  surplus: Dec;
  shortfall: Dec;
  /** surplus − shortfall: positive into the special fund, negative paid by city finance. */
  fund: Dec;
  runningFund: Dec;
}

/** The city's figures summed over the months of the year the ledger holds. */
export interface LedgerCityTotal {
  deductions: Dec;
  rewards: Dec;
  surplus: Dec;
  shortfall: Dec;
  fund: Dec;
}

export interface LedgerYear {
  year: string;
  months: string[];
  units: LedgerUnit[];
  city: LedgerCityMonth[];
  cityTotal: LedgerCityTotal;
}

function cityTotal(city: readonly LedgerCityMonth[]): LedgerCityTotal {
  const total = (field: keyof LedgerCityTotal) => city.reduce((a, c) => a.plus(c[field]), ZERO);
  return { deductions: total('deductions'), rewards: total('rewards'), surplus: total('surplus'), shortfall: total('shortfall'), fund: total('fund') };
}

export function ledger(s: Settlement): LedgerYear[] {
  const years = [...new Set(s.months.map((m) => m.month.slice(0, 4)))].sort();
  return years.map((year) => {
    const months = s.months.filter((m) => m.month.startsWith(`${year}-`));
    const units = new Map<string, LedgerUnit>();
    const city: LedgerCityMonth[] = [];
    let runningFund = ZERO;
    for (const m of months) {
      for (const c of m.counties) {
        let u = units.get(c.unit.id);
        if (!u) units.set(c.unit.id, (u = { unitId: c.unit.id, name: c.unit.name, earlierNames: [], groupName: c.group.name, months: [], total: ZERO }));
        else if (u.name !== c.unit.name) [u.earlierNames, u.name] = [[...u.earlierNames.filter((n) => n !== c.unit.name), u.name], c.unit.name];
        u.total = u.total.plus(c.net);
        u.months.push({ month: m.month, net: c.net, runningTotal: u.total });
      }
      const t = m.totals;
      const fund = t.surplus.minus(t.shortfall);
      runningFund = runningFund.plus(fund);
      city.push({ month: m.month, deductions: t.deductions, rewards: t.rewards, surplus: t.surplus, shortfall: t.shortfall, fund, runningFund });
    }
    return { year, months: months.map((m) => m.month), units: [...units.values()], city, cityTotal: cityTotal(city) };
  });
}
