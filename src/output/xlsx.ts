/**
 * The settlement as an Excel workbook for finance staff: a sheet per month with the per-unit table as
 * numbers (one decimal shown, 万元 in the headers), the totals and the baselines, and a sheet with the
 * inputs as read. Text from input is written as text, never as a formula. exceljs is loaded only here,
 * when a workbook is asked for (it takes half a second to load).
 */
import type { MonthSettlement, Settlement } from '../engine/types.js';
import type { Dec } from '../core/decimal.js';
import type { RenderMeta } from '../core/meta.js';
import { valueText } from './notice.js';
import { MEASURES } from '../schedule/measures.js';
import type { Schedule } from '../schedule/format.js';
import type { FactorId } from '../core/factors.js';
import { fundSentence, noticeTitle, provinceLine } from './words.js';
import { loadExcel } from '../core/excel.js';

type Worksheet = import('exceljs').Worksheet;

/** A Decimal as an Excel number. Excel cells hold binary floats; amounts here are multiples of 0.5 or short decimals, which convert exactly enough to show the same digits. */
const num = (x: Dec) => Number(x.toFixed());
const AMOUNT_FORMAT = '0.0;-0.0;0.0';
/** A value or baseline shown at the precision the schedule computes it (a rate of 2 shows as 2.0), as the table does. */
const decimalsFormat = (decimals: number) => (decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`);

/** The decimals of a factor's values (or baselines) under a schedule: those valueText shows. */
function factorDecimals(s: Schedule, id: FactorId, baseline: boolean): number {
  const c = s.computation;
  const kind = MEASURES[id].kind;
  return kind === 'rate' ? c.rateDecimals.value : kind === 'concentration' ? c.concentrationDecimals.value : baseline ? c.goodDaysBaselineDecimals.value : 0;
}

function monthSheet(ws: Worksheet, m: MonthSettlement): void {
  const s = m.schedule;
  const unit = s.amountUnit.value;
  ws.addRow([noticeTitle(m)]).font = { bold: true, size: 14 };
  ws.addRow([`${s.title}（${s.document}），规则 ${s.id}`]);
  ws.addRow([provinceLine(m)]);
  ws.addRow([]);
  const header = ['单位', '单位编号', '组别'];
  for (const f of s.factors) header.push(`${f.name}实际`, `${f.name}基数`, `${f.name}金额（${unit}）`);
  header.push(`扣款（${unit}）`, `奖励（${unit}）`, `净额（${unit}）`, '取消的奖励');
  const headerRow = ws.addRow(header);
  headerRow.font = { bold: true };
  headerRow.alignment = { wrapText: true, vertical: 'middle' };
  const amountColumns: number[] = [];
  s.factors.forEach((_, i) => amountColumns.push(4 + i * 3 + 2));
  const n = s.factors.length;
  amountColumns.push(4 + n * 3, 5 + n * 3, 6 + n * 3);
  for (const c of m.counties) {
    const cells: (string | number)[] = [c.unit.name, c.unit.id, c.group.name];
    for (const f of c.factors) cells.push(num(f.value), num(f.baseline), num(f.amount));
    const cancelled = c.factors.filter((f) => f.cancelled).map((f) => `${f.factor.name} ${f.cancelled === 'target' ? '未完成目标' : '省级支偿'}（原 ${f.bandAmount.toFixed()}）`);
    cells.push(num(c.deductions), num(c.rewards), num(c.net), cancelled.join('；'));
    ws.addRow(cells);
  }
  const t = m.totals;
  const totals: (string | number | null)[] = ['全市合计', null, null, ...s.factors.flatMap(() => [null, null, null]), num(t.deductions), num(t.rewards), num(t.rewards.minus(t.deductions))];
  ws.addRow(totals).font = { bold: true };
  for (const col of amountColumns) ws.getColumn(col).numFmt = AMOUNT_FORMAT;
  s.factors.forEach((f, i) => {
    ws.getColumn(4 + i * 3).numFmt = decimalsFormat(factorDecimals(s, f.id, false));
    ws.getColumn(5 + i * 3).numFmt = decimalsFormat(factorDecimals(s, f.id, true));
  });
  // 第八条's result as numbers a formula can use, on the row between the totals and the sentence that says it.
  const fundRow = ws.addRow([`结余（${unit}）`, num(t.surplus), `缺口（${unit}）`, num(t.shortfall)]);
  fundRow.font = { bold: true };
  for (const col of [2, 4]) fundRow.getCell(col).numFmt = AMOUNT_FORMAT;
  ws.addRow([fundSentence(m)]);
  ws.addRow([]);
  ws.addRow(['考核基数', '', '', ...s.factors.map((f) => f.name)]).font = { bold: true };
  for (const g of m.groups) {
    const row = ws.addRow([g.group.name, g.group.id, '', ...s.factors.map((f) => Number(valueText(s, f.id, g.baseline[f.id]!, true)))]);
    s.factors.forEach((f, i) => (row.getCell(4 + i).numFmt = decimalsFormat(factorDecimals(s, f.id, true))));
  }
  ws.getColumn(1).width = 18;
  ws.getColumn(3).width = 12;
  for (let i = 4; i <= header.length; i++) ws.getColumn(i).width = 11;
  ws.getColumn(header.length).width = 40;
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 5 }];
}

function inputsSheet(ws: Worksheet, s: Settlement): void {
  ws.addRow(['月份', '单位', '单位编号', 'PM2.5', 'PM10', '去年同期PM2.5', '去年同期PM10', '优良天数', 'PM2.5目标', 'PM10目标', '优良天数目标', '来源']).font = { bold: true };
  for (const m of s.months) {
    for (const c of m.counties) {
      const r = c.record;
      const opt = (x: Dec | undefined) => (x === undefined ? null : num(x));
      const source = r.sources?.row ? `${r.sources.row.file}:${r.sources.row.line}` : '';
      ws.addRow([m.month, c.unit.name, c.unit.id, opt(r.pm25), opt(r.pm10), opt(r.pm25LastYear), opt(r.pm10LastYear), opt(r.goodDays), opt(r.targets.pm25), opt(r.targets.pm10), opt(r.targets.goodDays), source]);
    }
  }
  ws.getColumn(2).width = 18;
  ws.getColumn(12).width = 40;
}

function sourcesSheet(ws: Worksheet, meta: RenderMeta): void {
  ws.addRow(['类型', '文件', 'SHA-256']).font = { bold: true };
  for (const x of meta.sources) ws.addRow([x.role, x.file, x.sha256]);
  ws.addRow([]);
  ws.addRow([`由 ${meta.generator} 生成`]);
  ws.getColumn(2).width = 40;
  ws.getColumn(3).width = 70;
}

export async function renderXlsx(s: Settlement, meta?: RenderMeta): Promise<Uint8Array> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = meta?.generator ?? 'ecocomp';
  // Fixed dates keep the same settlement byte-for-byte the same workbook.
  wb.created = new Date(0);
  wb.modified = new Date(0);
  for (const m of s.months) monthSheet(wb.addWorksheet(m.month), m);
  inputsSheet(wb.addWorksheet('输入'), s);
  if (meta) sourcesSheet(wb.addWorksheet('来源'), meta);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
