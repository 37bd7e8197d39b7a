/** The ledger in every format: a terminal table (a year of twelve months fits 160 columns), JSON, CSV, HTML, xlsx. */
import { ZERO, plain } from '../core/decimal.js';
import type { Dec } from '../core/decimal.js';
import type { LedgerUnit, LedgerUnitMonth, LedgerYear } from '../engine/ledger.js';
import { NOTICE_CSS, amountCell, escapeHtml, footer } from './html.js';
import type { RenderMeta } from '../core/meta.js';
import { csvDocument, formatted, type CsvCell } from './csv.js';
import { maxOf } from '../core/arrays.js';
import { loadExcel } from '../core/excel.js';
import { padEnd, padStart, width, type Paint } from './text.js';
import { signed } from './words.js';
import { visible } from '../core/text.js';

/** A row's name: the unit's latest name in the year, with the names it had earlier in the year (原…). */
function label(u: LedgerUnit): string {
  return u.earlierNames.length === 0 ? u.name : `${u.name}（原${u.earlierNames.join('、')}）`;
}

/** The unit's figures under each month column of the year; undefined where that month does not settle the unit. */
function columns(y: LedgerYear, u: LedgerUnit): (LedgerUnitMonth | undefined)[] {
  const of = new Map(u.months.map((m) => [m.month, m]));
  return y.months.map((m) => of.get(m));
}

/**
 * The heading of the total column: 全年 when the year's twelve months are all there, else the months it adds up
 * (11月合计, 10–12月合计), so that a ledger of part of a year never calls its sum the year's.
 */
export function totalLabel(months: readonly string[]): string {
  const ns = months.map((m) => Number(m.slice(5)));
  if (ns.length === 12) return '全年';
  const contiguous = ns.every((n, i) => i === 0 || n === ns[i - 1]! + 1);
  return `${ns.length === 1 ? ns[0] : contiguous ? `${ns[0]}–${ns.at(-1)}` : ns.join('、')}月合计`;
}

const tone = (paint: Paint, x: Dec, text: string) => (x.gt(0) ? paint.reward(text) : x.lt(0) ? paint.deduction(text) : paint.muted(text));

/**
 * The ledger's terminal table. On a terminal `columns` wide (undefined: no limit) that the year's months do not
 * fit, the months are split into blocks of equal size, one below the other, each with every row; the total
 * column closes the last block (decision 75).
 */
export function renderLedgerTable(years: readonly LedgerYear[], city: string, paint: Paint, columns?: number): string {
  return years.map((y) => renderLedgerYear(y, city, paint, columns)).join('\n');
}

function renderLedgerYear(y: LedgerYear, city: string, paint: Paint, columns: number | undefined): string {
  const nameWidth = maxOf([...y.units.map((u) => width(visible(label(u)))), width('专项资金结余(+)/缺口(-)')], 8);
  const cellWidth = maxOf([...y.units.flatMap((u) => u.months.flatMap((m) => [signed(m.net).length, signed(m.runningTotal).length])), ...y.city.flatMap((c) => [plain(c.deductions).length + 1, signed(c.runningFund).length])], 6);
  const totalHeading = totalLabel(y.months);
  const totalWidth = Math.max(cellWidth, width(totalHeading), ...y.units.map((u) => signed(u.total).length), signed(y.cityTotal.fund).length) + 1;
  const fixed = nameWidth + 1 + 4 + 1 + totalWidth;
  const fits = columns === undefined ? y.months.length : Math.max(1, Math.floor((columns - fixed) / (cellWidth + 1)));
  const blocks = Math.ceil(y.months.length / fits);
  const size = Math.ceil(y.months.length / blocks);
  const out: string[] = [paint.strong(`${visible(city)}${y.year}年城市环境空气质量生态补偿台账（万元）`)];
  for (let b = 0; b < blocks; b++) {
    out.push('', ...ledgerBlock(y, { from: b * size, to: Math.min((b + 1) * size, y.months.length), last: b === blocks - 1 }, { nameWidth, cellWidth, totalWidth, totalHeading }, paint));
  }
  return `${out.join('\n')}\n`;
}

type Figure = { x: Dec; text: string };
const NONE: Figure = { x: ZERO, text: '' };

/** The rows of the months from `from` to `to` (exclusive); the last block adds the total column. */
function ledgerBlock(y: LedgerYear, block: { from: number; to: number; last: boolean }, w: { nameWidth: number; cellWidth: number; totalWidth: number; totalHeading: string }, paint: Paint): string[] {
  const pick = <T>(xs: readonly T[]) => xs.slice(block.from, block.to);
  const line = (name: string, label: string, cells: Figure[], total?: Figure) =>
    [padEnd(name, w.nameWidth), padEnd(label, 4), ...pick(cells).map((c) => tone(paint, c.x, padStart(c.text, w.cellWidth))), ...(total && block.last ? [tone(paint, total.x, padStart(total.text, w.totalWidth))] : [])].join(' ').trimEnd();
  const cols = y.months.map((m) => `${Number(m.slice(5))}月`);
  const out = [paint.strong([padEnd('单位', w.nameWidth), padEnd('', 4), ...pick(cols).map((c) => padStart(c, w.cellWidth)), ...(block.last ? [padStart(w.totalHeading, w.totalWidth)] : [])].join(' '))];
  for (const u of y.units) {
    const cells = columns(y, u);
    out.push(line(visible(label(u)), '当月', cells.map((m) => (m ? { x: m.net, text: signed(m.net) } : NONE)), { x: u.total, text: signed(u.total) }));
    out.push(paint.muted(line('', '累计', cells.map((m) => (m ? { x: m.runningTotal, text: signed(m.runningTotal) } : NONE)))));
  }
  const t = y.cityTotal;
  out.push(line('全市扣款', '', y.city.map((c) => ({ x: c.deductions.neg(), text: plain(c.deductions) })), { x: t.deductions.neg(), text: plain(t.deductions) }));
  out.push(line('全市奖励', '', y.city.map((c) => ({ x: c.rewards, text: plain(c.rewards) })), { x: t.rewards, text: plain(t.rewards) }));
  out.push(line('专项资金结余(+)/缺口(-)', '', y.city.map((c) => ({ x: c.fund, text: signed(c.fund) })), { x: t.fund, text: signed(t.fund) }));
  out.push(line('', '累计', y.city.map((c) => ({ x: c.runningFund, text: signed(c.runningFund) }))));
  return out;
}

export function ledgerJson(years: readonly LedgerYear[]): object {
  return {
    ledgerVersion: 1,
    unit: '万元',
    years: years.map((y) => ({
      year: y.year,
      months: y.months,
      units: y.units.map((u) => ({
        county: u.name,
        earlierNames: u.earlierNames,
        id: u.unitId,
        group: u.groupName,
        months: u.months.map((m) => ({ month: m.month, net: plain(m.net), runningTotal: plain(m.runningTotal) })),
        total: plain(u.total),
      })),
      city: y.city.map((c) => ({
        month: c.month,
        deductions: plain(c.deductions),
        rewards: plain(c.rewards),
        surplus: plain(c.surplus),
        shortfall: plain(c.shortfall),
        fund: plain(c.fund),
        runningFund: plain(c.runningFund),
      })),
      // Added field (the ledger's version 1 allows additions): the city's figures over the months above.
      cityTotal: Object.fromEntries(Object.entries(y.cityTotal).map(([k, v]) => [k, plain(v)])),
    })),
  };
}

export function renderLedgerJson(years: readonly LedgerYear[]): string {
  return `${JSON.stringify(ledgerJson(years), null, 2)}\n`;
}

/** One row per unit and month and per city month, through the one CSV writer (BOM, CRLF, quoting, neutralised names). */
export function renderLedgerCsv(years: readonly LedgerYear[]): string {
  const header = ['年份', '月份', '单位', '净额', '年内累计净额', '全市扣款', '全市奖励', '专项资金结余(+)/缺口(-)', '年内累计结余'];
  const records: CsvCell[][] = [];
  const amount = (x: Dec) => formatted(plain(x));
  for (const y of years) {
    for (const u of y.units) for (const m of u.months) records.push([formatted(y.year), formatted(m.month), label(u), amount(m.net), amount(m.runningTotal), '', '', '', '']);
    for (const c of y.city) records.push([formatted(y.year), formatted(c.month), '全市', '', '', amount(c.deductions), amount(c.rewards), amount(c.fund), amount(c.runningFund)]);
    const t = y.cityTotal;
    records.push([formatted(y.year), totalLabel(y.months), '全市', '', '', amount(t.deductions), amount(t.rewards), amount(t.fund), '']);
  }
  return csvDocument(header, records);
}

export function renderLedgerHtml(years: readonly LedgerYear[], city: string, meta?: RenderMeta): string {
  const sections = years.map((y) => {
    const head = `<tr><th>单位</th><th></th>${y.months.map((m) => `<th class="num">${Number(m.slice(5))}月</th>`).join('')}<th class="num">${escapeHtml(totalLabel(y.months))}</th></tr>`;
    const rows: string[] = [];
    for (const u of y.units) {
      const cells = columns(y, u);
      rows.push(`<tr data-unit="${escapeHtml(u.unitId)}"><td class="name" rowspan="2">${escapeHtml(label(u))}</td><td>当月</td>${cells.map((m) => (m ? amountCell(m.net) : '<td></td>')).join('')}${amountCell(u.total)}</tr>`);
      rows.push(`<tr><td>累计</td>${cells.map((m) => (m ? amountCell(m.runningTotal) : '<td></td>')).join('')}<td></td></tr>`);
    }
    const t = y.cityTotal;
    rows.push(`<tr class="total"><td class="name">全市扣款</td><td></td>${[...y.city.map((c) => c.deductions), t.deductions].map((x) => `<td class="num">${plain(x)}</td>`).join('')}</tr>`);
    rows.push(`<tr><td class="name">全市奖励</td><td></td>${[...y.city.map((c) => c.rewards), t.rewards].map((x) => `<td class="num">${plain(x)}</td>`).join('')}</tr>`);
    rows.push(`<tr><td class="name">专项资金结余(+)/缺口(-)</td><td>当月</td>${y.city.map((c) => amountCell(c.fund)).join('')}${amountCell(t.fund)}</tr>`);
    rows.push(`<tr><td></td><td>累计</td>${y.city.map((c) => amountCell(c.runningFund)).join('')}<td></td></tr>`);
    return `<section><h1>${escapeHtml(`${city}${y.year}年城市环境空气质量生态补偿台账`)}</h1><p class="basis">金额单位：万元；全市扣款、全市奖励为金额（正数），净额与结余(+)/缺口(-)带符号</p><table class="ledger"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></section>`;
  });
  return `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(`${city}生态补偿台账`)}</title>\n<style>${NOTICE_CSS}</style>\n</head>\n<body>\n${sections.join('\n')}\n${footer(meta)}\n</body>\n</html>\n`;
}

export async function renderLedgerXlsx(years: readonly LedgerYear[], city: string): Promise<Uint8Array> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const num = (x: Dec) => Number(x.toFixed());
  for (const y of years) {
    const ws = wb.addWorksheet(y.year);
    ws.addRow([`${city}${y.year}年城市环境空气质量生态补偿台账（万元）`]).font = { bold: true, size: 14 };
    ws.addRow(['单位', '', ...y.months, totalLabel(y.months)]).font = { bold: true };
    for (const u of y.units) {
      const cells = columns(y, u);
      ws.addRow([label(u), '当月', ...cells.map((m) => (m ? num(m.net) : null)), num(u.total)]);
      ws.addRow(['', '累计', ...cells.map((m) => (m ? num(m.runningTotal) : null))]);
    }
    const t = y.cityTotal;
    ws.addRow(['全市扣款', '', ...y.city.map((c) => num(c.deductions)), num(t.deductions)]);
    ws.addRow(['全市奖励', '', ...y.city.map((c) => num(c.rewards)), num(t.rewards)]);
    ws.addRow(['专项资金结余(+)/缺口(-)', '当月', ...y.city.map((c) => num(c.fund)), num(t.fund)]);
    ws.addRow(['', '累计', ...y.city.map((c) => num(c.runningFund))]);
    for (let i = 3; i <= y.months.length + 3; i++) {
      ws.getColumn(i).numFmt = '0.0;-0.0;0.0';
      ws.getColumn(i).width = 10;
    }
    ws.getColumn(1).width = 24;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
