/**
 * A settlement sheet finance received (CSV or xlsx), read for every number it gives: per month and unit the
 * net and, where the sheet has them, deductions, rewards and each factor's value, baseline and amount; rows of
 * totals (全市合计, a group's 小计); the fund line (结余/缺口 as labelled cells, or ecocomp's sentence); a table
 * of group baselines (考核基数). A sheet has titles, notes and signatures around its tables, so it is read
 * loosely — but each number is read exactly or refused with its place, and a number that cannot be placed is
 * named in `notCompared`, never dropped.
 */
import { Dec } from '../core/decimal.js';
import type { Dec as Decimal } from '../core/decimal.js';
import { ProblemsError, type Problem } from '../core/problems.js';
import { type Schedule } from '../schedule/format.js';
import { parseMonth } from '../core/month.js';
import { parseCsv } from './csv.js';
import { decodeText } from './decode.js';
import { unitResolver, normaliseName } from '../core/units.js';
import { xlsxGrids, type Cell, type Grid, type GridRow } from './sheet-cells.js';
import { HEADER_NAMES, NOTE_COLUMNS, normaliseHeader } from '../core/vocabulary.js';
import type { SourceRef } from '../core/problems.js';
import { INPUT_FIELDS, type Figure, type FigureField, type InputField, type NotCompared, type SheetFigures } from '../core/claims.js';
import { FACTOR_IDS, type FactorId } from '../core/factors.js';


export interface Sheet extends SheetFigures {
  notCompared: NotCompared[];
}

type Role = { kind: 'month' } | { kind: 'unit' } | { kind: 'text' } | { kind: 'figure'; field: FigureField };

/** Columns that describe rather than count (ids, groups, reasons, notes): read past, not compared. */
const TEXT_COLUMNS = ['id', 'unit_id', '单位编号', ...HEADER_NAMES.group, ...HEADER_NAMES.province_result, '取消的奖励', 'cancelled', ...NOTE_COLUMNS];
const SHORT_NAMES: Record<FactorId, string> = { pm25: 'PM2.5', pm25Rate: 'PM2.5改善率', pm10: 'PM10', pm10Rate: 'PM10改善率', goodDays: '优良天数' };
/** The monthly inputs' headers (SPEC.md §3), as the sheet of inputs in ecocomp's workbook has them. */
const INPUT_HEADERS: Record<InputField, readonly string[]> = {
  'input.pm25': HEADER_NAMES.pm25,
  'input.pm10': HEADER_NAMES.pm10,
  'input.pm25LastYear': HEADER_NAMES.pm25_last_year,
  'input.pm10LastYear': HEADER_NAMES.pm10_last_year,
  'input.goodDays': HEADER_NAMES.good_days,
  'input.pm25Target': HEADER_NAMES.pm25_target,
  'input.pm10Target': HEADER_NAMES.pm10_target,
  'input.goodDaysTarget': HEADER_NAMES.good_days_target,
};

/** The header names a sheet's unit table may use, each with what its column holds. */
function headerRoles(schedules: readonly Schedule[]): Map<string, Role> {
  const roles = new Map<string, Role>();
  const add = (role: Role, ...names: string[]) => names.forEach((n) => roles.set(normaliseHeader(n), role));
  const figure = (field: FigureField): Role => ({ kind: 'figure', field });
  add({ kind: 'month' }, ...HEADER_NAMES.month);
  add({ kind: 'unit' }, ...HEADER_NAMES.county);
  add({ kind: 'text' }, ...TEXT_COLUMNS, 'source', '来源');
  // Inputs first: where a name is also a factor's (优良天数 is the good-days factor's value), the factor's wins.
  for (const field of INPUT_FIELDS) add(figure(field), ...INPUT_HEADERS[field]);
  add(figure('net'), ...HEADER_NAMES.net);
  add(figure('deductions'), ...HEADER_NAMES.deductions);
  add(figure('rewards'), ...HEADER_NAMES.rewards);
  for (const id of FACTOR_IDS) {
    const names = [SHORT_NAMES[id], ...schedules.flatMap((s) => s.factors.filter((f) => f.id === id).map((f) => f.name))];
    add(figure(id), `${id}_amount`, `${id}Amount`, `${id} amount`, ...names.flatMap((n) => [`${n}金额`, `${n}扣补金额`]));
    add(figure(`${id}.value`), `${id}_value`, ...names.map((n) => `${n}实际`));
    add(figure(`${id}.baseline`), `${id}_baseline`, ...names.flatMap((n) => [`${n}基数`, `${n}考核基数`]));
    add({ kind: 'text' }, `${id}_cancelled`, ...names.map((n) => `${n}取消原因`));
    // ecocomp's CSV heads a factor's value with the factor's name alone (优良天数 is both).
    for (const s of schedules) for (const f of s.factors.filter((x) => x.id === id)) add(figure(`${id}.value`), f.name);
  }
  return roles;
}

/** The factor a column of a baseline table is headed by: its name, short name or id. */
function factorNames(schedules: readonly Schedule[]): Map<string, FactorId> {
  const names = new Map<string, FactorId>();
  for (const id of FACTOR_IDS) {
    for (const n of [id, SHORT_NAMES[id], ...schedules.flatMap((s) => s.factors.filter((f) => f.id === id).map((f) => f.name))]) names.set(normaliseHeader(n), id);
  }
  return names;
}

function groupResolver(schedules: readonly Schedule[]): (text: string) => string | null {
  const byName = new Map<string, string>();
  for (const g of schedules.flatMap((s) => s.groups)) for (const n of [g.id, g.name]) byName.set(normaliseName(n), g.id);
  return (text) => byName.get(normaliseName(text)) ?? null;
}

const EXPECTED_NUMBER = 'expected a number such as 238.5 or -20';
const EXPECTED_NUMBER_ZH = '应为数字，如 238.5 或 -20';

/** "238.5", "+20", "-139.5", "1,234.5" (a thousands separator is common in finance sheets) or an Excel number. */
function numberOf(cell: Cell): Decimal | null | { fault: string; zh: string } {
  if (cell === null) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? new Dec(cell.toPrecision(15)) : { fault: `${EXPECTED_NUMBER}, got ${cell}`, zh: `${EXPECTED_NUMBER_ZH}，实际为 ${cell}` };
  if (typeof cell === 'object') return 'date' in cell ? { fault: `holds a date (${cell.date}), ${EXPECTED_NUMBER}`, zh: `单元格为日期（${cell.date}），${EXPECTED_NUMBER_ZH}` } : { fault: cell.unreadable, zh: cell.zh };
  const s = cell.trim().replace(/^\+/, '').replace(/,(?=\d{3}(\D|$))/g, '');
  if (s === '') return null;
  return /^-?\d+(\.\d+)?$/.test(s) ? new Dec(s) : { fault: `${EXPECTED_NUMBER}, got "${cell}"`, zh: `${EXPECTED_NUMBER_ZH}，实际为“${cell}”` };
}

const isNumber = (cell: Cell) => numberOf(cell) instanceof Dec;
const isBlank = (cell: Cell | undefined) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
const unreadable = (cell: Cell | undefined): { message: string; zh: string } | null => (cell && typeof cell === 'object' && 'unreadable' in cell ? { message: cell.unreadable, zh: cell.zh } : null);
const textOf = (cell: Cell | undefined): string => (typeof cell === 'string' ? cell.trim() : typeof cell === 'number' ? String(cell) : cell && 'date' in cell ? cell.date : '');

/** A month cell: text such as 2022-10, or (in a workbook) the date of the month's first day, which Excel makes of "2022-10". */
function monthOf(cell: Cell | undefined): string | null {
  if (cell && typeof cell === 'object' && 'date' in cell) return cell.date.endsWith('-01') ? cell.date.slice(0, 7) : null;
  return parseMonth(textOf(cell));
}

/** "合计", "全市合计", "县（市）组小计", "total": the label of a totals row, and the group it is for (null: the city). */
function totalsLabel(text: string, groupNames: readonly { id: string; names: string[] }[]): { groupId: string | null } | null {
  const t = normaliseName(text);
  const isTotal = (s: string) => /^(合计|小计|总计|total|totals|subtotal|sum)$/.test(s);
  if (isTotal(t) || t === '全市' || (t.startsWith('全市') && isTotal(t.slice(2)))) return { groupId: null };
  for (const g of groupNames) {
    for (const n of g.names) if (t.startsWith(n) && isTotal(t.slice(n.length))) return { groupId: g.id };
  }
  return null;
}

/** The fund figure a label names: 结余 the surplus, 缺口 the shortfall, both (结余(+)/缺口(-)) or 专项资金 alone the balance. */
function fundField(text: string): FigureField | null {
  const surplus = /结余|surplus/i.test(text);
  const shortfall = /缺口|shortfall/i.test(text);
  if (surplus && shortfall) return 'balance';
  if (surplus) return 'surplus';
  if (shortfall) return 'shortfall';
  return /专项资金|fund/i.test(text) ? 'balance' : null;
}

const SENTENCE_FIGURES: [RegExp, FigureField][] = [
  [/扣款/, 'deductions'],
  [/奖励|补偿/, 'rewards'],
  [/结余/, 'surplus'],
  [/缺口/, 'shortfall'],
];

/**
 * The numbers of a fund sentence such as ecocomp's "全市扣款 903 万元，奖励 757 万元；结余 146 万元纳入…": each
 * number directly after 扣款, 奖励/补偿, 结余 or 缺口; "无结余", "无缺口" are 0. Dates and document numbers are
 * text; any other digits are returned as left over.
 */
function sentenceFigures(text: string): { figures: { field: FigureField; value: Decimal }[]; leftover: string[] } {
  const figures: { field: FigureField; value: Decimal }[] = [];
  let rest = text;
  rest = rest.replace(/(扣款|奖励|补偿|结余|缺口)(?:合计|总额|总计|金额)?\s*[:：]?\s*([+-]?\d[\d,]*(?:\.\d+)?)/g, (_, label: string, n: string) => {
    figures.push({ field: SENTENCE_FIGURES.find(([re]) => re.test(label))![1], value: new Dec(n.replace(/,/g, '')) });
    return ' ';
  });
  rest = rest.replace(/无(结余|缺口)/g, (_, label: string) => {
    figures.push({ field: label === '结余' ? 'surplus' : 'shortfall', value: new Dec(0) });
    return ' ';
  });
  rest = rest.replace(/\d{4}\s*年(\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?)?|\d{4}-\d{1,2}(-\d{1,2})?|〔\d{4}〕\s*\d+\s*号|第\s*\d+\s*条/g, ' ');
  return { figures, leftover: rest.match(/\d[\d,.]*/g) ?? [] };
}

interface Table {
  header: GridRow;
  /** The table has a net column: a settlement table, each row a unit's settlement; else a table of inputs. */
  netColumn: number | undefined;
  roles: (Role | null)[];
  /** Columns up to the last named one; a CSV row with a cell beyond is refused (E-ROW-EXTRA). */
  width: number;
  monthColumn: number | undefined;
  unitColumn: number;
  /** Columns already named as not compared: each is said once. */
  noted: Set<number>;
}

/** Reads one grid (a CSV file or a worksheet) into `sheet`, with its faults in `problems`. */
class GridReader {
  private readonly roles: Map<string, Role>;
  private readonly factors: Map<string, FactorId>;
  private readonly resolveUnit: ReturnType<typeof unitResolver>;
  private readonly resolveGroup: (text: string) => string | null;
  private readonly groupNames: { id: string; names: string[] }[];
  private readonly sheetMonth: string | null;
  /** Months of the unit rows since the last totals, fund or baseline row: the months such a row is about. */
  private blockMonths = new Set<string>();
  /**
   * Directly below the header or a unit row: here a row naming no known unit is a fault (a misspelt unit).
   * Below a blank line or a row of totals, a sheet has notes and signatures, which are read past.
   */
  private inUnitBlock = true;

  constructor(
    private readonly grid: Grid,
    schedules: readonly Schedule[],
    private readonly sheet: Sheet,
    private readonly problems: Problem[],
  ) {
    this.roles = headerRoles(schedules);
    this.factors = factorNames(schedules);
    this.resolveUnit = unitResolver(schedules);
    this.resolveGroup = groupResolver(schedules);
    this.groupNames = schedules.flatMap((s) => s.groups).map((g) => ({ id: g.id, names: [normaliseName(g.name), normaliseName(g.id)] }));
    this.sheetMonth = parseMonth(grid.name);
  }

  private at(row: GridRow, col?: number): SourceRef {
    return { file: this.grid.label, line: row.line, ...(col === undefined ? {} : { column: col + 1 }) };
  }

  private note(row: GridRow, col: number | undefined, message: string, zh: string, header?: string): void {
    this.sheet.notCompared.push({ ...this.at(row, col), ...(header === undefined ? {} : { header }), message, zh });
  }

  private tableAt(row: GridRow): Table | null {
    const roles = row.cells.map((c) => this.roles.get(normaliseHeader(textOf(c))) ?? null);
    const unitColumn = roles.findIndex((r) => r?.kind === 'unit');
    const netColumn = roles.findIndex((r) => r?.kind === 'figure' && r.field === 'net');
    const hasInputs = roles.some((r) => r?.kind === 'figure' && r.field.startsWith('input.'));
    if (unitColumn < 0 || (netColumn < 0 && !hasInputs)) return null;
    const monthColumn = roles.findIndex((r) => r?.kind === 'month');
    const width = row.cells.reduce<number>((w, c, i) => (textOf(c) !== '' ? i + 1 : w), 0);
    const at = (i: number) => (i < 0 ? undefined : i);
    return { header: row, netColumn: at(netColumn), roles, width, monthColumn: at(monthColumn), unitColumn, noted: new Set() };
  }

  /** Reads the grid; true when it has a settlement table (one with a net column). */
  read(): boolean {
    const rows = this.grid.rows;
    const headerIndex = rows.slice(0, 10).findIndex((r) => this.tableAt(r) !== null);
    if (headerIndex < 0) {
      const numbers = rows.find((r) => r.cells.some(isNumber));
      if (numbers && this.grid.kind === 'xlsx') this.note(numbers, undefined, `worksheet "${this.grid.name}" was not compared: it has no table with a unit column and a net column`, `工作表“${this.grid.name}”未比对：其中没有同时含单位列和净额列的表格`);
      return false;
    }
    let table = this.tableAt(rows[headerIndex]!)!;
    let settlementTables = table.netColumn === undefined ? 0 : 1;
    if (!this.hasMonth(table)) return settlementTables > 0;
    for (const r of rows.slice(0, headerIndex)) if (r.cells.some(isNumber)) this.note(r, undefined, 'the numbers in this row above the table were not compared', '表格上方这一行中的数字未比对');
    let baselines: Map<number, FactorId> | null = null;
    let previousLine = table.header.line;
    for (const row of rows.slice(headerIndex + 1)) {
      if (row.cells.every(isBlank)) continue;
      if (row.line > previousLine + 1) this.inUnitBlock = false;
      previousLine = row.line;
      const next = this.tableAt(row);
      if (next) {
        if (!this.hasMonth(next)) break;
        table = next;
        if (table.netColumn !== undefined) settlementTables++;
        baselines = null;
        this.inUnitBlock = true;
        continue;
      }
      if (baselines && this.readBaselineRow(row, baselines)) continue;
      baselines = this.baselineHeading(row);
      if (baselines) continue;
      this.readRow(table, row);
    }
    return settlementTables > 0;
  }

  /** A table's rows need a month: from a month column, or the worksheet's name. */
  private hasMonth(table: Table): boolean {
    if (table.monthColumn !== undefined || this.sheetMonth !== null) return true;
    this.problems.push({ file: this.grid.label, line: table.header.line, message: 'has no month column, and its name is not a month (YYYY-MM)', zh: '没有月份列，工作表名也不是月份（YYYY-MM）' });
    return false;
  }

  /** A column check does not know, or one without a header, that holds something in a row it reads: said once. */
  private noteUnplacedCells(table: Table, row: GridRow): void {
    row.cells.forEach((cell, col) => {
      if (table.roles[col] || table.noted.has(col) || isBlank(cell)) return;
      table.noted.add(col);
      const name = textOf(table.header.cells[col]);
      if (name === '') this.note(table.header, col, `column ${col + 1} has no header: its cells were not compared`, `第 ${col + 1} 列没有表头：其单元格未比对`);
      else this.note(table.header, col, `column "${name}" was not compared: check does not know what it holds`, `列“${name}”未比对：check 不知道它是什么数据`, name);
    });
  }

  /** A row of the unit table: a unit, a totals row or a fund row (or text, read past). */
  private readRow(table: Table, row: GridRow): void {
    const fault = unreadable(row.cells[table.unitColumn]);
    if (fault) {
      this.problems.push({ ...this.at(row, table.unitColumn), ...fault });
      return;
    }
    const unitText = textOf(row.cells[table.unitColumn]);
    const unit = unitText === '' ? null : this.resolveUnit(unitText);
    if (unit && 'unitId' in unit) return this.readUnitRow(table, row, unit.unitId);
    const labels = row.cells.map((c, i) => ({ i, text: typeof c === 'string' ? c.trim() : '' })).filter((l) => l.text !== '' && l.i !== table.monthColumn);
    const totals = labels.map((l) => totalsLabel(l.text, this.groupNames)).find((t) => t !== null);
    if (totals) return this.readTotalsRow(table, row, totals.groupId);
    if (labels.some((l) => fundField(l.text) !== null)) return this.readFundRow(table, row);
    if (this.inUnitBlock && unit && row.cells.some(isNumber)) {
      this.problems.push({ ...this.at(row, table.unitColumn), code: unit.code, message: unit.error, zh: unit.zh });
      return;
    }
    if (row.cells.some(isNumber)) this.note(row, undefined, 'the numbers in this row were not compared: it is not a unit, totals, fund or baseline row', '这一行中的数字未比对：它不是单位行、合计行、资金行或基数行');
  }

  /** In a CSV file a cell beyond the header's last column is a split cell (E-ROW-EXTRA); the row is not read. */
  private refuseExtraCells(table: Table, row: GridRow): boolean {
    if (this.grid.kind !== 'csv') return false;
    const last = row.cells.reduce<number>((w, c, i) => (textOf(c) !== '' ? i + 1 : w), 0);
    if (last <= table.width) return false;
    const first = row.cells.findIndex((c, i) => i >= table.width && textOf(c) !== '');
    this.problems.push({
      ...this.at(row, first),
      code: 'E-ROW-EXTRA',
      message: `the row has ${last} cells, but the header row (line ${table.header.line}) names ${table.width} columns: a decimal comma (85,5) or an unquoted comma splits a cell — write 85.5, or quote the cell`,
      zh: `本行有 ${last} 个单元格，而表头（第 ${table.header.line} 行）只有 ${table.width} 列：小数逗号（85,5）或未加引号的逗号会拆开单元格——请写成 85.5，或给单元格加引号`,
    });
    return true;
  }

  /** The month a unit row is for: its month cell, or the worksheet's name. */
  private rowMonth(table: Table, row: GridRow): string | null {
    if (table.monthColumn === undefined) return this.sheetMonth;
    const cell = row.cells[table.monthColumn];
    const month = monthOf(cell);
    if (month === null) this.problems.push({ ...this.at(row, table.monthColumn), ...(unreadable(cell) ?? { message: `expected a month as YYYY-MM, got "${textOf(cell)}"`, zh: `应为 YYYY-MM 格式的月份，实际为“${textOf(cell)}”` }) });
    return month;
  }

  /** The month a totals, fund or baseline row is for: its own month cell, else that of the unit rows above it. */
  private aggregateMonth(table: Table | null, row: GridRow): string | null {
    const own = table?.monthColumn === undefined ? null : monthOf(row.cells[table.monthColumn]);
    if (own) return own;
    const months = [...this.blockMonths];
    if (months.length === 1) return months[0]!;
    if (months.length === 0 && this.sheetMonth) return this.sheetMonth;
    const why = months.length === 0 ? 'no unit rows above it say which month it is' : `the unit rows above it are of several months (${months.join(', ')})`;
    const whyZh = months.length === 0 ? '上方没有注明月份的单位行' : `上方的单位行属于多个月份（${months.join('、')}）`;
    this.problems.push({
      ...this.at(row),
      message: `cannot tell which month this row of totals is for: ${why}; give its month in the month column`,
      zh: `无法确定这一合计行属于哪个月：${whyZh}；请在月份列中填写月份`,
    });
    return null;
  }

  /** The figures of a row under the table's columns; a cell that is not a number is a problem. */
  private figures(table: Table, row: GridRow, accept: (field: FigureField, col: number) => boolean): Figure[] {
    const out: Figure[] = [];
    table.roles.forEach((role, col) => {
      if (role?.kind !== 'figure') return;
      const v = numberOf(row.cells[col] ?? null);
      if (v === null || !accept(role.field, col)) return;
      if (v instanceof Dec) out.push({ field: role.field, value: v, at: this.at(row, col) });
      else this.problems.push({ ...this.at(row, col), field: textOf(table.header.cells[col]), message: v.fault, zh: v.zh });
    });
    return out;
  }

  private readUnitRow(table: Table, row: GridRow, unitId: string): void {
    if (this.refuseExtraCells(table, row)) return;
    const month = this.rowMonth(table, row);
    if (month === null) return;
    if (!this.inUnitBlock) this.blockMonths = new Set();
    this.inUnitBlock = true;
    this.blockMonths.add(month);
    this.noteUnplacedCells(table, row);
    const before = this.problems.length;
    const figures = this.figures(table, row, () => true);
    if (this.problems.length > before) return;
    if (table.netColumn === undefined) {
      this.sheet.inputs.push({ month, unitId, figures, at: this.at(row) });
      return;
    }
    if (!figures.some((f) => f.field === 'net')) {
      this.problems.push({ ...this.at(row, table.netColumn), message: 'the net amount is empty: expected the unit\'s net, e.g. 238.5 or -20', zh: '净额为空：应填写该单位的净额，如 238.5 或 -20' });
      return;
    }
    this.sheet.rows.push({ month, unitId, figures, at: this.at(row) });
  }

  /** 全市合计 or a group's 小计: sums of amounts, and a group row's baselines; values and baselines of the city are not sums. */
  private readTotalsRow(table: Table, row: GridRow, groupId: string | null): void {
    if (this.refuseExtraCells(table, row)) return;
    this.inUnitBlock = false;
    this.noteUnplacedCells(table, row);
    const month = this.aggregateMonth(table, row);
    if (month === null) return;
    const figures = this.figures(table, row, (field, col) => {
      if (!field.endsWith('.value') && !field.startsWith('input.') && (groupId !== null || !field.endsWith('.baseline'))) return true;
      this.note(row, col, `${textOf(table.header.cells[col])} in a row of totals was not compared: the settlement has no such total`, `合计行中的“${textOf(table.header.cells[col])}”未比对：结算中没有这项合计`);
      return false;
    });
    if (figures.length > 0) this.sheet.aggregates.push({ month, groupId, figures });
  }

  /** 结余/缺口/专项资金 as a label followed by a number, or a sentence with the figures in it. */
  private readFundRow(table: Table, row: GridRow): void {
    this.inUnitBlock = false;
    const month = this.aggregateMonth(table, row);
    if (month === null) return;
    const figures: Figure[] = [];
    let pending: FigureField | null = null;
    row.cells.forEach((cell, col) => {
      if (col === table.monthColumn) return;
      const v = numberOf(cell);
      const fault = unreadable(cell);
      if (fault) {
        // A formula without its value or an error cell: what it holds cannot be told, so it is not read past.
        this.problems.push({ ...this.at(row, col), ...fault });
        pending = null;
        return;
      }
      if (v instanceof Dec) {
        if (pending) figures.push({ field: pending, value: v, at: this.at(row, col) });
        else this.note(row, col, 'this number was not compared: no 结余/缺口 label precedes it', '这个数字未比对：它前面没有“结余”或“缺口”字样');
        pending = null;
        return;
      }
      const text = textOf(cell);
      if (!/\d/.test(text)) {
        pending = fundField(text) ?? pending;
        return;
      }
      const sentence = sentenceFigures(text);
      figures.push(...sentence.figures.map((f) => ({ ...f, at: this.at(row, col) })));
      if (sentence.leftover.length > 0) this.note(row, col, `the numbers ${sentence.leftover.join(', ')} in "${text}" were not compared`, `“${text}”中的数字 ${sentence.leftover.join('、')} 未比对`);
    });
    if (figures.length > 0) this.sheet.aggregates.push({ month, groupId: null, figures });
  }

  /** A heading row "考核基数 | PM2.5月均浓度 | …": the factor of each column of the baseline table below. */
  private baselineHeading(row: GridRow): Map<number, FactorId> | null {
    const texts = row.cells.map((c) => normaliseHeader(textOf(c)));
    if (!texts.some((t) => t === '考核基数' || t === '基数' || t === 'baselines' || t === 'baseline')) return null;
    const columns = new Map<number, FactorId>();
    texts.forEach((t, i) => {
      const id = this.factors.get(t);
      if (id) columns.set(i, id);
    });
    if (columns.size === 0) return null;
    this.inUnitBlock = false;
    return columns;
  }

  /** A group's row of the baseline table; false when the row names no group (the table has ended). */
  private readBaselineRow(row: GridRow, columns: Map<number, FactorId>): boolean {
    const groupId = row.cells.map((c) => (typeof c === 'string' ? this.resolveGroup(c) : null)).find((g) => g !== null);
    if (!groupId) return false;
    const month = this.aggregateMonth(null, row);
    if (month === null) return true;
    const figures: Figure[] = [];
    row.cells.forEach((cell, col) => {
      const v = numberOf(cell);
      if (v === null) return;
      const factor = columns.get(col);
      if (!factor) {
        if (v instanceof Dec) this.note(row, col, 'this number is under no factor of the baseline table and was not compared', '这个数字不在基数表的任何因子下，未比对');
        return;
      }
      if (v instanceof Dec) figures.push({ field: `${factor}.baseline`, value: v, at: this.at(row, col) });
      else this.problems.push({ ...this.at(row, col), message: v.fault, zh: v.zh });
    });
    if (figures.length > 0) this.sheet.aggregates.push({ month, groupId, figures });
    return true;
  }
}

/** Every number of a sheet file, placed; `file` names it in messages. */
export async function readSheet(bytes: Uint8Array, file: string, schedules: readonly Schedule[]): Promise<Sheet> {
  const problems: Problem[] = [];
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  let grids: Grid[];
  if (isZip) grids = await xlsxGrids(bytes, file);
  else {
    const { header, rows } = parseCsv(decodeText(bytes, file).text, file);
    grids = [{ label: file, name: '', kind: 'csv', rows: [header, ...rows].map((r) => ({ line: r.line, cells: r.cells })) }];
  }
  const sheet: Sheet = { rows: [], aggregates: [], inputs: [], notCompared: [] };
  const tables = grids.map((g) => new GridReader(g, schedules, sheet, problems).read()).filter(Boolean).length;
  if (tables === 0 && problems.length === 0) problems.push({ file, message: 'has no table with a unit column and a net column (e.g. 单位 and 净额, or county and net)', zh: '没有同时含单位列和净额列的表格（如“单位”和“净额”，或 county 和 net）' });
  if (problems.length > 0) throw new ProblemsError(problems);
  return sheet;
}
