// The fuzzer's oracle: an independent reading of the inputs and recomputation of the settlement, for judging
// every exit-0 result. It imports nothing from src/: the inputs are read by a deliberately simple reader that
// knows only the well-formed subset the README documents, and the settlement (SPEC.md §4, under any schedule
// the fuzzer generates) is recomputed in exact scaled BigInt integers (scripts/exact.mjs).
//
// The reader's verdict on a set of inputs is one of
//   ok      — it read everything with certainty: ecocomp must settle (exit 0) to exactly `settlement`;
//   refuse  — it found a fault the README says is refused (`reasons`): ecocomp must exit 2;
//   unsure  — something lies outside what it reads with certainty: the comparison is skipped (and counted).
// A fault that depends only on its own row ("local") is certain even beside an unsure row; a fault about the whole
// (a missing group member, a duplicate, a month settled or not) is certain only when nothing was unsure.
import * as X from './exact.mjs';

// ——— schedules ———————————————————————————————————————————————————————————————————————————————————

const MEASURE = {
  pm25: { kind: 'concentration', pollutant: 'pm25', worse: 'above' },
  pm25Rate: { kind: 'rate', pollutant: 'pm25', worse: 'below' },
  pm10: { kind: 'concentration', pollutant: 'pm10', worse: 'above' },
  pm10Rate: { kind: 'rate', pollutant: 'pm10', worse: 'below' },
  goodDays: { kind: 'goodDays', worse: 'below' },
};

const decimalOf = (text) => (text === null ? null : X.dec(text));

/**
 * README "Rule schedules": every decimal of a schedule (rates, band limits, minimum gaps, caps) is a non-negative
 * decimal string below 10^9 with at most 6 decimal places as written (`5.5000000` has 7). Leading zeros are fine.
 */
export function decimalBoundsFault(text) {
  if (typeof text !== 'string' || !/^\d+(\.\d+)?$/.test(text)) return `not a decimal string: ${JSON.stringify(text)?.slice(0, 40)}`;
  const [whole, fraction = ''] = text.split('.');
  if (whole.replace(/^0+/, '').length > 9) return `${text.slice(0, 40)} is 10^9 or more`;
  if (fraction.length > 6) return `${text.slice(0, 40)} has ${fraction.length} decimal places`;
  return null;
}

/** The key paths and faults of a schedule's decimals out of bounds (the fuzzer's schedules are otherwise valid). */
export function scheduleDecimalFaults(raw) {
  const faults = [];
  const check = (path, text) => {
    const f = text === null || text === undefined ? null : decimalBoundsFault(text);
    if (f) faults.push(`${path}: ${f}`);
  };
  raw.factors.forEach((f, i) => {
    for (const side of ['deduction', 'reward']) {
      const scale = f[side];
      if (!scale) continue;
      check(`factors[${i}].${side}.minimumGap.value`, scale.minimumGap.value);
      scale.bands.forEach((b, j) => {
        check(`factors[${i}].${side}.bands[${j}].upTo`, b.upTo);
        check(`factors[${i}].${side}.bands[${j}].rate`, b.rate);
      });
    }
  });
  check('caps.deductions', raw.caps?.deductions);
  check('caps.rewards', raw.caps?.rewards);
  return faults;
}

const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** README "Rule schedules": a reference cited as 第四条（一）1, D2, or "第九条, D11"; the note when it cites nothing. */
export function citeOf(ref) {
  const article = ref.article ? `第${NUMERALS[ref.article]}条${ref.item ? `（${NUMERALS[ref.item]}）` : ''}${ref.clause ?? ''}` : '';
  const parts = [article, ref.decision ? `D${ref.decision}` : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : (ref.note ?? '');
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * README "Rule schedules", `extends`: objects merge by key, a `ref` is replaced whole, a list whose items all have an
 * id merges by id, any other list replaces, { "$replace": X } is X. Written apart from the engine's, from the README.
 */
function merged(base, over) {
  if (isObject(over) && Object.keys(over).length === 1 && '$replace' in over) return over.$replace;
  if (isObject(base) && isObject(over)) {
    const out = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = k === 'ref' || !(k in base) ? v : merged(base[k], v);
    return out;
  }
  const ids = (xs) => Array.isArray(xs) && xs.length > 0 && xs.every((x) => isObject(x) && typeof x.id === 'string');
  if (Array.isArray(base) && ids(over) && base.every((x) => isObject(x) && typeof x.id === 'string')) {
    return base.map((b) => {
      const o = over.find((x) => x.id === b.id);
      return o ? merged(b, o) : b;
    });
  }
  return over;
}

/** A schedule file extending a built-in schedule by name, merged onto it (`builtins`: id → JSON). */
export function resolveExtends(raw, builtins) {
  if (!raw.extends) return raw;
  const base = builtins[raw.extends];
  if (!base) throw new Error(`the oracle resolves only built-in bases, not ${raw.extends}`);
  const { extends: _, ...over } = raw;
  return merged(resolveExtends(base, builtins), over);
}

const scaleOf = (scale) => (scale ? { minimumGap: decimalOf(scale.minimumGap.value), bands: scale.bands.map((b) => ({ upTo: decimalOf(b.upTo), rate: decimalOf(b.rate) })), clause: citeOf(scale.ref) } : null);

/**
 * A schedule file's JSON as parameters. The fuzzer makes its schedules valid but for, now and then, a decimal out
 * of bounds: `faults` lists those, and a run under such a schedule must be refused.
 */
export function prepareSchedule(file, builtins = {}) {
  const raw = resolveExtends(file, builtins);
  const c = raw.computation;
  const gates = raw.gates ?? [];
  const targetOf = (id) => gates.find((g) => g.condition === 'target-missed' && g.targets[id])?.targets[id] ?? null;
  const caps = raw.caps ?? { deductions: null, rewards: null };
  return {
    raw,
    faults: scheduleDecimalFaults(raw),
    id: raw.id,
    document: raw.document,
    from: raw.effectiveFrom.slice(0, 7),
    until: raw.effectiveUntil ? raw.effectiveUntil.slice(0, 7) : null,
    units: raw.units.map((u) => ({ id: u.id, name: u.name, aliases: u.aliases ?? [] })),
    groups: raw.groups.map((g) => ({ id: g.id, name: g.name, members: g.members })),
    rounding: c.rounding.value,
    cDec: c.concentrationDecimals.value,
    rDec: c.rateDecimals.value,
    gdDec: c.goodDaysBaselineDecimals.value,
    statistic: c.baselineStatistic.value,
    groupRate: c.groupRate.value,
    factors: raw.factors.map((f) => ({ id: f.id, deduction: scaleOf(f.deduction), reward: scaleOf(f.reward), clause: citeOf(f.ref), gate: targetOf(f.id) })),
    caps: { deductions: decimalOf(caps.deductions), rewards: decimalOf(caps.rewards) },
    // 第五条, in the schedule's order: the first gate that covers a factor and holds cancels its reward.
    gates: gates.map((g) => ({ cancellation: g.condition === 'province-payout' ? 'province' : 'target', covers: g.condition === 'province-payout' ? g.factors : Object.keys(g.targets) })),
    provinceCoversAll: raw.factors.every((f) => gates.some((g) => g.condition === 'province-payout' && g.factors.includes(f.id))),
  };
}

const covers = (s, month) => month >= s.from && (s.until === null || month <= s.until);
const scheduleFor = (set, month) => set.find((s) => covers(s, month));

/** What a schedule needs of the monthly data (SPEC.md §3/§4): a factor's measure, a rate's last year, a gate's indicator. */
function needsOf(s) {
  const n = { pm25: false, pm10: false, goodDays: false, ly: { pm25: false, pm10: false } };
  for (const f of s.factors) {
    const m = MEASURE[f.id];
    if (m.kind === 'goodDays') n.goodDays = true;
    else n[m.pollutant] = true;
    if (m.kind === 'rate') n.ly[m.pollutant] = true;
    if (f.gate) n[f.gate] = true;
  }
  return n;
}

function needsOfAll(set) {
  const all = set.map(needsOf);
  return {
    pm25: all.some((n) => n.pm25),
    pm10: all.some((n) => n.pm10),
    goodDays: all.some((n) => n.goodDays),
  };
}

// ——— text ————————————————————————————————————————————————————————————————————————————————————————

/** Bytes to text: UTF-8 (BOM or not), else GB18030; anything else is refused (README "Encodings"). */
export function decode(bytes) {
  const b = bytes;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    const t = tryDecode('utf-8', b.subarray(3));
    return t === null ? { invalid: 'encoding' } : { text: t };
  }
  if (b.includes(0)) return { invalid: 'binary' };
  const u = tryDecode('utf-8', b);
  if (u !== null) return { text: u };
  const g = tryDecode('gb18030', b);
  return g === null ? { invalid: 'encoding' } : { text: g };
}

function tryDecode(encoding, bytes) {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * CSV as RFC 4180 has it: LF or CRLF lines (a lone CR is outside what this reader is sure of), comma-separated
 * (tab when the first line has tabs and no commas); a cell bare, or quoted with "" for a quote and line breaks
 * inside. A quote inside a bare cell, anything but a separator or line end after a closing quote, or a quote never
 * closed is not CSV (refused). Rows of empty cells are not rows. Returns { header, rows } with 1-based start lines.
 */
export function readCsv(text) {
  if (/\r(?!\n)/.test(text)) return { unsure: 'a lone CR' };
  const t = text.replace(/\r\n/g, '\n');
  const first = t.split('\n', 1)[0];
  if (first.trim() === '') return { unsure: 'the first line is blank' };
  if (t.split('\n').some((l) => l.length > 1_000_000)) return { invalid: 'a line longer than 1,000,000 characters' };
  const sep = !first.includes(',') && first.includes('\t') ? '\t' : ',';
  const rows = [];
  let line = 1;
  let i = 0;
  while (i < t.length) {
    const start = line;
    const cells = [];
    for (;;) {
      let cell = '';
      if (t[i] === '"') {
        for (i++; ; i++) {
          if (i >= t.length) return { invalid: `a quote opened on line ${start} is never closed` };
          if (t[i] === '"' && t[i + 1] === '"') [cell, i] = [cell + '"', i + 1];
          else if (t[i] === '"') break;
          else {
            if (t[i] === '\n') line++;
            cell += t[i];
          }
        }
        i++;
        if (i < t.length && t[i] !== sep && t[i] !== '\n') return { invalid: `characters after a closing quote on line ${line}` };
      } else {
        const end = [t.indexOf(sep, i), t.indexOf('\n', i), t.length].filter((k) => k >= 0).reduce((a, b) => Math.min(a, b));
        cell = t.slice(i, end);
        if (cell.includes('"')) return { invalid: `a quote inside a bare cell on line ${line}` };
        i = end;
      }
      cells.push(cell);
      if (t[i] !== sep) break;
      i++;
    }
    if (t[i] === '\n') [i, line] = [i + 1, line + 1];
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: start, cells });
  }
  const [header, ...data] = rows;
  if (!header) return { invalid: 'empty' };
  return { header, rows: data };
}

/** README "Input": headers match ignoring case, spaces, `_`/`-`, full-width forms and a unit in brackets. */
export function normHeader(h) {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .trim()
    .replace(/\s*\([^()]*\)$/, '')
    .replace(/[\s_-]+/g, '');
}

// The documented names (README "Input"); names the code also takes but the README does not name are "unsure".
const MONTHLY_DOC = {
  month: ['month', '月份'],
  county: ['county', '区县', '县（市、区）', '单位'],
  pm25: ['pm25', 'PM2.5'],
  pm10: ['pm10', 'PM10'],
  ly25: ['pm25_last_year', '去年同期PM2.5'],
  ly10: ['pm10_last_year', '去年同期PM10'],
  gd: ['good_days', '优良天数'],
  t25: ['pm25_target', 'PM2.5目标'],
  t10: ['pm10_target', 'PM10目标'],
  tgd: ['good_days_target', '优良天数目标'],
};
const UNDOCUMENTED = ['县市区', 'unit', '去年同期PM25', 'PM2.5去年同期', 'PM10去年同期', 'PM25目标', 'note', 'notes', 'remark', 'remarks', 'comment', 'comments',
  // The vocabulary of issue 12 (src/core/vocabulary.ts), not judged here.
  '单位名称', '县区', '县', '年月', 'PM2.5月均浓度', 'PM10月均浓度', '上年同期PM2.5', '上年同期PM10', 'PM2.5 last year', 'PM10 last year', 'good days'];
const NOTES = ['备注', '说明'];

function lookupOf(spec) {
  const m = new Map();
  for (const [key, names] of Object.entries(spec)) for (const n of names) m.set(normHeader(n), key);
  return m;
}

/** Maps a header row: { columns: Map<key, index> } or a list of faults / unsure reasons. */
function mapColumns(header, rows, spec, required) {
  const lookup = lookupOf(spec);
  const undocumented = new Set(UNDOCUMENTED.map(normHeader));
  const notes = new Set(NOTES.map(normHeader));
  const columns = new Map();
  const faults = [];
  const unsure = [];
  const whole = new Set(Object.values(spec).flat().map((n) => n.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, '')));
  header.cells.forEach((raw, i) => {
    const name = normHeader(raw);
    // A unit in brackets is read past only when it is the column's own (README "Input"): not judged here.
    if (/\)\s*$/.test(raw.normalize('NFKC')) && !whole.has(raw.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, ''))) unsure.push(`a bracket in the header ${raw}`);
    if (name === '') {
      // A blank header cell is an unnamed column: refused if it holds data (beyond the last named column that is a
      // cell too many, see rowWidthFault). A header that is only a bracket ("(μg/m³)") is outside the documented.
      if (raw.trim() !== '') unsure.push(`a header of only a bracket: ${raw}`);
      else if (i < namedWidth(header) && rows.some((r) => (r.cells[i] ?? '').trim() !== '')) faults.push(`column ${i + 1} has data but no header`);
      return;
    }
    if (notes.has(name)) return;
    const key = lookup.get(name);
    if (key === undefined) {
      if (undocumented.has(name)) unsure.push(`undocumented header ${raw}`);
      else faults.push(`unknown column "${raw}"`);
      return;
    }
    if (columns.has(key)) faults.push(`column ${key} twice`);
    else columns.set(key, i);
  });
  for (const key of required) if (!columns.has(key)) faults.push(`missing column ${key}`);
  return { columns, faults, unsure };
}

/** The cells a row must have (README "Input", E-ROW-SHORT/E-ROW-EXTRA): up to the header's last named column. */
function namedWidth(header) {
  let named = 0;
  header.cells.forEach((c, i) => {
    if (c.trim() !== '') named = i + 1;
  });
  return named;
}

/**
 * A row with fewer cells than the header names is refused (a missing cell is never read as empty), and so is a
 * row with a non-blank cell beyond the last named column (a decimal comma split a cell); blank cells there are fine.
 */
function rowWidthFault(header, r, at) {
  const named = namedWidth(header);
  if (r.cells.length < named) return { kind: 'short-row', msg: `${at}: ${r.cells.length} cells under a header naming ${named}`, local: true };
  if (r.cells.slice(named).some((c) => c.trim() !== '')) return { kind: 'extra-cells', msg: `${at}: ${r.cells.length} cells under a header naming ${named}`, local: true };
  return null;
}

// ——— cells —————————————————————————————————————————————————————————————————————————————————————————

/**
 * A number cell. "plain decimal text" (README): digits, optionally a point and digits; surrounding blanks and a
 * leading minus (or "-0") are outside what this reader is sure of.
 */
function numberCell(raw, { integer = false, min, above, max }) {
  // Full-width digits and punctuation are the same number (README "Input": NFKC).
  const text = raw.normalize('NFKC');
  if (text === '') return { empty: true };
  if (text !== text.trim()) return { unsure: `blanks around "${text}"` };
  const d = integer ? (/^\d+$/.test(text) ? X.dec(text) : null) : /^\d+(\.\d+)?$/.test(text) ? X.dec(text) : null;
  if (d === null) {
    if (/^-\d+(\.\d+)?$/.test(text) && X.isZero(X.dec(text))) return { unsure: '-0' };
    return { fault: 'number', msg: `not a plain ${integer ? 'whole number' : 'decimal'}: "${text.slice(0, 30)}"` };
  }
  if ((min && X.cmp(d, min) < 0) || (above && X.cmp(d, above) <= 0) || (max && X.cmp(d, max) > 0)) return { fault: 'range', msg: `out of range: ${text}` };
  return { value: d };
}

const C1000 = X.int(1000);
const RULES = {
  conc: { min: X.ZERO, max: C1000 },
  ly: { above: X.ZERO, max: C1000 },
  target: { above: X.ZERO, max: C1000 },
  days: { integer: true, min: X.ZERO },
};

/**
 * A month (README "Input"): YYYY-MM, YYYY/MM, YYYY年M月, YYYY.MM, YYYYMM, or the first day of the month (2022-10-01,
 * 2022/10/1, 2022年10月1日), after NFKC; another day is a fault. A one-digit month in the -/ forms, 2022.2…2022.9
 * and a day with its midnight are outside what this reader is sure of.
 */
export function monthOf(raw) {
  if (raw !== raw.trim()) return { unsure: 'blanks around a month' };
  const text = raw.normalize('NFKC');
  if (text !== raw) return { unsure: 'a month in full-width forms' };
  const fault = { fault: 'month', msg: `not a month: "${text.slice(0, 30)}"` };
  let y;
  let n;
  let day = 1;
  let m = /^(\d{4})[-/](\d{1,2})$/.exec(text);
  if (m && m[2].length === 1) return { unsure: 'one-digit month' };
  if (m) [y, n] = [m[1], Number(m[2])];
  else if ((m = /^(\d{4})年(\d{1,2})月$/.exec(text) ?? /^(\d{4})\.(\d{2})$/.exec(text) ?? /^(\d{4})(\d{2})$/.exec(text))) [y, n] = [m[1], Number(m[2])];
  else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) ?? /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(text))) [y, n, day] = [m[1], Number(m[2]), Number(m[3])];
  else if (/^\d{4}\.\d$/.test(text) || /^\d{4}-\d{1,2}-\d{1,2}/.test(text)) return { unsure: 'a dotted one-digit month or a loosely written day' };
  else return fault;
  if (n < 1 || n > 12) return { fault: 'month', msg: `month ${n}` };
  const month = `${y}-${String(n).padStart(2, '0')}`;
  if (day < 1 || day > daysIn(month)) return fault;
  if (day !== 1) return { fault: 'month', msg: `day ${day} of ${month} is not a month` };
  return { month };
}

export function daysIn(month) {
  const [y, m] = month.split('-').map(Number);
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

export function shiftMonth(month, delta) {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + m - 1 + delta;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** Zero-width and bidi-control characters (README "Input"): a unit name holding one is refused. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF]/;

/** How a name is compared (README "Input", docs/decisions.md 10): trimmed, NFKC, ignoring case; inner spaces count. */
export const unitKey = (text) => text.trim().normalize('NFKC').trim().toLowerCase();

/**
 * A unit by its name, a declared alias or its id, exactly (README): nothing else is a match. A text that merely
 * contains or ends with a name is refused as 'unit-by-ending', any other as 'unit'.
 */
export function unitOf(text, set) {
  const trimmed = text.trim();
  if (trimmed === '') return { fault: 'unit', msg: 'empty unit' };
  if (INVISIBLE.test(trimmed)) return { fault: 'unit-invisible', msg: `unit ${JSON.stringify(trimmed.slice(0, 30))} holds an invisible character` };
  const byKey = new Map();
  for (const s of set) for (const u of s.units) for (const n of [u.id, u.name, ...u.aliases]) byKey.set(unitKey(n), u.id);
  const id = byKey.get(unitKey(trimmed));
  if (id !== undefined) return { unitId: id };
  const inside = [...byKey.keys()].some((n) => unitKey(trimmed).includes(n));
  return { fault: inside ? 'unit-by-ending' : 'unit', msg: `unit "${trimmed.slice(0, 30)}"` };
}

// ——— the monthly table ——————————————————————————————————————————————————————————————————————————————

function readMonthly(file, text, set, faults, unsure) {
  const csv = readCsv(text);
  if (csv.unsure) return void unsure.push({ file, why: csv.unsure, global: true });
  if (csv.invalid) return void faults.push({ kind: 'file', msg: `${file}: ${csv.invalid}`, local: true });
  const needs = needsOfAll(set);
  const required = ['month', 'county', ...(needs.pm25 ? ['pm25'] : []), ...(needs.pm10 ? ['pm10'] : []), ...(needs.goodDays ? ['gd'] : [])];
  const { columns, faults: headerFaults, unsure: headerUnsure } = mapColumns(csv.header, csv.rows, MONTHLY_DOC, required);
  if (headerFaults.length > 0) return void headerFaults.forEach((msg) => faults.push({ kind: 'header', msg: `${file}: ${msg}`, local: true }));
  if (headerUnsure.length > 0) return void unsure.push({ file, why: headerUnsure[0], global: true });
  const rows = [];
  for (const r of csv.rows) {
    const at = `${file}:${r.line}`;
    const before = faults.length;
    let rowUnsure = null;
    const width = rowWidthFault(csv.header, r, at);
    if (width) faults.push(width);
    const cell = (key) => (columns.has(key) ? r.cells[columns.get(key)] ?? '' : '');
    const month = monthOf(cell('month'));
    const unit = unitOf(cell('county'), set);
    const row = { file, line: r.line, values: {} };
    for (const [what, res] of [['month', month], ['county', unit]]) {
      if (res.fault) faults.push({ kind: res.fault, msg: `${at}: ${res.msg}`, local: true });
      else if (res.unsure) rowUnsure ??= res.unsure;
      void what;
    }
    const spec = [
      ['pm25', RULES.conc, needs.pm25],
      ['pm10', RULES.conc, needs.pm10],
      ['ly25', RULES.ly, false],
      ['ly10', RULES.ly, false],
      ['gd', RULES.days, needs.goodDays],
      ['t25', RULES.target, false],
      ['t10', RULES.target, false],
      ['tgd', RULES.days, false],
    ];
    for (const [key, rule, required] of spec) {
      const c = numberCell(cell(key), rule);
      if (c.empty) {
        if (required) faults.push({ kind: 'empty', msg: `${at}: empty ${key}`, local: true });
      } else if (c.unsure) rowUnsure ??= c.unsure;
      else if (c.fault) faults.push({ kind: c.fault, msg: `${at}: ${key} ${c.msg}`, local: true });
      else row.values[key] = c.value;
    }
    if (month.month) {
      const days = X.int(daysIn(month.month));
      for (const key of ['gd', 'tgd']) if (row.values[key] && X.cmp(row.values[key], days) > 0) faults.push({ kind: 'range', msg: `${at}: ${key} above the days of the month`, local: true });
    }
    if (rowUnsure !== null) {
      unsure.push({ file, line: r.line, why: rowUnsure, global: true });
      continue;
    }
    row.month = month.month;
    row.unitId = unit.unitId;
    row.valid = faults.length === before;
    rows.push(row);
  }
  return rows;
}

// ——— side files ——————————————————————————————————————————————————————————————————————————————————

function readSide(kind, file, text, set, faults, unsure) {
  const csv = readCsv(text);
  if (csv.unsure) return void unsure.push({ file, why: csv.unsure, global: true });
  if (csv.invalid) return void faults.push({ kind: 'file', msg: `${file}: ${csv.invalid}`, local: true });
  const spec =
    kind === 'targets'
      ? { month: MONTHLY_DOC.month, county: MONTHLY_DOC.county, t25: MONTHLY_DOC.t25, t10: MONTHLY_DOC.t10, tgd: MONTHLY_DOC.tgd }
      : kind === 'province'
        ? { month: ['month', '月份'], result: ['province_result'] }
        : { month: ['month', '月份'], group: ['group'], pm25: ['pm25'], pm25Rate: ['pm25_rate'], pm10: ['pm10'], pm10Rate: ['pm10_rate'], goodDays: ['good_days'] };
  const required = kind === 'targets' ? ['month', 'county'] : kind === 'province' ? ['month', 'result'] : ['month', 'group'];
  const { columns, faults: hf, unsure: hu } = mapColumns(csv.header, csv.rows, spec, required);
  if (hf.length > 0) return void hf.forEach((msg) => faults.push({ kind: 'header', msg: `${file}: ${msg}`, local: true }));
  if (hu.length > 0) return void unsure.push({ file, why: hu[0], global: true });
  const out = [];
  for (const r of csv.rows) {
    const at = `${file}:${r.line}`;
    const before = faults.length;
    let rowUnsure = null;
    const width = rowWidthFault(csv.header, r, at);
    if (width) faults.push(width);
    const cell = (key) => (columns.has(key) ? r.cells[columns.get(key)] ?? '' : '');
    const month = monthOf(cell('month'));
    if (month.fault) faults.push({ kind: month.fault, msg: `${at}: ${month.msg}`, local: true });
    else if (month.unsure) rowUnsure ??= month.unsure;
    const item = { file, line: r.line, month: month.month, values: {} };
    if (kind === 'targets') {
      const unit = unitOf(cell('county'), set);
      if (unit.fault) faults.push({ kind: unit.fault, msg: `${at}: ${unit.msg}`, local: true });
      else if (unit.unsure) rowUnsure ??= unit.unsure;
      item.unitId = unit.unitId;
      for (const [key, rule] of [['t25', RULES.target], ['t10', RULES.target], ['tgd', RULES.days]]) {
        const c = numberCell(cell(key), rule);
        if (c.unsure) rowUnsure ??= c.unsure;
        else if (c.fault) faults.push({ kind: c.fault, msg: `${at}: ${key} ${c.msg}`, local: true });
        else if (c.value) item.values[key] = c.value;
      }
      if (item.month && item.values.tgd && X.cmp(item.values.tgd, X.int(daysIn(item.month))) > 0) faults.push({ kind: 'range', msg: `${at}: target days`, local: true });
    } else if (kind === 'province') {
      const t = cell('result');
      const verdict = { 支偿: true, payout: true, 得补: false, receive: false }[t];
      if (t !== t.trim()) rowUnsure ??= 'blanks';
      else if (verdict === undefined) {
        if (['pay', '获补', 'PAYOUT', 'Payout', 'RECEIVE', 'Receive'].includes(t)) rowUnsure ??= `verdict ${t}`;
        else faults.push({ kind: 'verdict', msg: `${at}: verdict "${t.slice(0, 20)}"`, local: true });
      } else item.payout = verdict;
    } else {
      const g = cell('group');
      const groups = new Map(set.flatMap((s) => s.groups.flatMap((x) => [[x.id, x.id], [x.name, x.id]])));
      const loose = (t) => t.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
      if (groups.has(g)) item.groupId = groups.get(g);
      else if ([...groups.keys()].some((n) => loose(n) === loose(g))) rowUnsure ??= `group written as ${g}`;
      else faults.push({ kind: 'group', msg: `${at}: group "${g.slice(0, 20)}"`, local: true });
      for (const key of ['pm25', 'pm25Rate', 'pm10', 'pm10Rate', 'goodDays']) {
        const t = cell(key);
        if (t === '') continue;
        if (t !== t.trim()) rowUnsure ??= 'blanks';
        else if (!/^-?\d+(\.\d+)?$/.test(t)) faults.push({ kind: 'number', msg: `${at}: baseline "${t.slice(0, 20)}"`, local: true });
        else {
          const fault = baselineFault(key, X.dec(t), month.month, set);
          if (fault) faults.push({ kind: 'baseline-value', msg: `${at}: ${key} ${fault}`, local: true });
          else item.values[key] = X.dec(t);
        }
      }
    }
    if (rowUnsure !== null) {
      unsure.push({ file, line: r.line, why: rowUnsure, global: true });
      continue;
    }
    item.valid = faults.length === before;
    out.push(item);
  }
  return out;
}

/** Decimal places of a value as a number (trailing zeros are no decimals: 45.0 is 45). */
function decimalPlaces(d) {
  let [v, places] = [d.v < 0n ? -d.v : d.v, d.s];
  while (places > 0 && v % 10n === 0n) [v, places] = [v / 10n, places - 1];
  return places;
}

/**
 * docs/decisions.md 33: a supplied baseline lies in the range of the values it stands for (a concentration 0–1000,
 * good days 0 to the days of the month, a group rate at most 100, negative without limit) and has no more decimals
 * than the month's schedule keeps that baseline at (D3, D4, D8); with no schedule for the month, no precision.
 */
function baselineFault(key, d, month, set) {
  const kind = MEASURE[key].kind;
  const s = month ? scheduleFor(set, month) : undefined;
  const [min, max, decimals] =
    kind === 'concentration' ? [X.ZERO, C1000, s?.cDec] : kind === 'rate' ? [null, X.int(100), s?.rDec] : [X.ZERO, month ? X.int(daysIn(month)) : null, s?.gdDec];
  if (min && X.cmp(d, min) < 0) return `${X.plain(d)} below ${X.plain(min)}`;
  if (max && X.cmp(d, max) > 0) return `${X.plain(d)} above ${X.plain(max)}`;
  if (decimals !== undefined && decimalPlaces(d) > decimals) return `${decimalPlaces(d)} decimals where schedule ${s.id} keeps ${decimals}`;
  return null;
}

// ——— assembling and settling —————————————————————————————————————————————————————————————————————

/**
 * The oracle's verdict on one set of inputs.
 * input: { data: [{ name, bytes }], targets, province, baselines: same, payout: string[] (the option values),
 *          months: string[] | null (--month), range: { from, to } | null (ledger), schedules: prepared[] }
 */
export function oracle(input) {
  const set = input.schedules;
  const faults = [];
  const unsure = [];
  const rows = [];
  for (const s of set) for (const f of s.faults ?? []) faults.push({ kind: 'schedule-decimal', msg: `schedule ${s.id}: ${f}`, local: true });
  // docs/decisions.md 19: --baselines under schedules that all compute their baselines is refused, whatever it holds.
  if ((input.baselines ?? []).length > 0 && !set.some((s) => s.statistic === 'supplied')) {
    for (const f of input.baselines) faults.push({ kind: 'baselines-unused', msg: `${f.name}: no schedule in use takes supplied baselines`, local: true });
  }
  for (const f of input.data) {
    const d = decode(f.bytes);
    if (d.invalid) {
      faults.push({ kind: d.invalid, msg: `${f.name}: ${d.invalid}`, local: true });
      continue;
    }
    rows.push(...(readMonthly(f.name, d.text, set, faults, unsure) ?? []));
  }
  const side = {};
  for (const kind of ['targets', 'province', 'baselines']) {
    side[kind] = [];
    for (const f of input[kind] ?? []) {
      const d = decode(f.bytes);
      if (d.invalid) faults.push({ kind: d.invalid, msg: `${f.name}: ${d.invalid}`, local: true });
      else side[kind].push(...(readSide(kind, f.name, d.text, set, faults, unsure) ?? []));
    }
  }
  const payoutMonths = [];
  for (const part of (input.payout ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean)) {
    const m = monthOf(part);
    if (m.fault) faults.push({ kind: 'payout-option', msg: `--province-payout ${part}`, local: true });
    else if (m.unsure) unsure.push({ why: m.unsure, global: true });
    else payoutMonths.push(m.month);
  }
  for (const m of input.months ?? []) if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) faults.push({ kind: 'month-option', msg: `--month ${m}`, local: true });
  for (const m of [input.range?.from, input.range?.to]) if (m !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) faults.push({ kind: 'month-option', msg: `--from/--to ${m}`, local: true });

  const global = [];
  if (unsure.length === 0 && faults.length === 0) assemble(input, set, rows, side, payoutMonths, global);
  const all = [...faults, ...global];
  if (all.length > 0) return { verdict: 'refuse', reasons: all, unsure };
  if (unsure.length > 0) return { verdict: 'unsure', reasons: [], unsure };
  return { verdict: 'ok', reasons: [], unsure, settlement: global.settlement, notes: global.notes };
}

/**
 * What becomes of the rows (README "Input", docs/decisions.md 5, 8, 30–34): which months are settled, and every
 * fault about the whole — duplicates, side rows that would never apply, missing members and values, swapped columns.
 */
function assemble(input, set, rows, side, payoutMonths, problems) {
  const fault = (kind, msg) => problems.push({ kind, msg });
  const key = (m, u) => `${m}|${u}`;
  const byKey = new Map();
  for (const r of rows) {
    if (byKey.has(key(r.month, r.unitId))) fault('duplicate', `${r.month} ${r.unitId} twice`);
    else byKey.set(key(r.month, r.unitId), r);
  }
  const inputMonths = [...new Set(rows.map((r) => r.month))].sort();
  const byMonth = new Map();
  for (const r of rows) byMonth.set(r.month, [...(byMonth.get(r.month) ?? []), r]);
  const rowsOf = (m) => byMonth.get(m) ?? [];
  const lyKey = (p) => (p === 'pm25' ? 'ly25' : 'ly10');
  const lastYear = (r, p) => r.values[lyKey(p)] ?? byKey.get(key(shiftMonth(r.month, -12), r.unitId))?.values[p];
  const needed = (m) => {
    const s = scheduleFor(set, m);
    return s ? ['pm25', 'pm10'].filter((p) => needsOf(s).ly[p]) : [];
  };
  // A month with not one last-year value (no cell, no row twelve months earlier) serves only as last year's values
  // when the month a year on is given; a month with some of them is settled, each missing one a fault.
  const anyLastYear = (m) => rowsOf(m).some((r) => byKey.has(key(shiftMonth(m, -12), r.unitId)) || needed(m).some((p) => r.values[lyKey(p)] !== undefined));
  const status = new Map();
  let months;
  if (input.months) {
    months = [...new Set(input.months)].sort();
    for (const m of inputMonths) status.set(m, months.includes(m) ? 'settled' : 'deselected');
    for (const m of months) {
      if (!scheduleFor(set, m)) fault('month-not-covered', `--month ${m}`);
      else if (!inputMonths.includes(m)) fault('month-absent', `--month ${m} not in the inputs`);
    }
  } else {
    const inRange = (m) => (input.range?.from === undefined || m >= input.range.from) && (input.range?.to === undefined || m <= input.range.to);
    for (const m of inputMonths) {
      const later = inputMonths.includes(shiftMonth(m, 12));
      if (!inRange(m)) status.set(m, 'deselected');
      else if (!scheduleFor(set, m)) {
        status.set(m, later ? 'last-year-only' : 'refused');
        if (!later) fault('month-not-covered', `${m} is before every schedule`);
      } else if (later && needed(m).length > 0 && !anyLastYear(m)) {
        status.set(m, 'last-year-only');
        problems.notes = [...(problems.notes ?? []), `${m} read only as last year's values`];
      } else status.set(m, 'settled');
    }
    months = inputMonths.filter((m) => status.get(m) === 'settled');
    if (months.length === 0 && problems.length === 0) fault('nothing-to-settle', 'no month to settle');
  }
  const settles = (m) => status.get(m) === 'settled';
  // Side-file rows name months of the data (E-SIDE-MONTH); --province-payout a month settled or left out by the
  // user's --month / --from / --to (E-PAYOUT-MONTH).
  for (const kind of ['targets', 'province', 'baselines']) {
    for (const item of side[kind]) {
      if (item.valid && !inputMonths.includes(item.month)) fault('side-file-month-absent', `${item.file}:${item.line}: ${kind} for ${item.month}, which the data do not hold`);
    }
  }
  for (const m of payoutMonths) {
    if (!status.has(m)) fault('payout-month-absent', `--province-payout ${m}: not in the inputs`);
    else if (['last-year-only', 'refused'].includes(status.get(m))) fault('payout-month-unsettled', `--province-payout ${m}: ${status.get(m)}`);
  }
  // A target for a unit the data lack in a settled month would never apply (E-SIDE-UNIT).
  for (const t of side.targets) {
    if (t.valid && settles(t.month) && !byKey.has(key(t.month, t.unitId))) fault('side-file-unit', `${t.file}:${t.line}: target of ${t.unitId} for ${t.month}, which the data lack`);
  }
  // Side rows given twice: within a file a fault; across files an exact copy is fine, other values a fault.
  const twice = (kind, k, a, b) => {
    if (a.file === b.file) fault('duplicate', `${kind} ${k} twice in ${a.file}`);
    else if (!sameValues(a.values, b.values)) fault('side-file-conflict', `${kind} ${k}: ${a.file}:${a.line} and ${b.file}:${b.line} disagree`);
  };
  const seenSide = new Map();
  for (const t of side.targets) {
    const k = key(t.month, t.unitId);
    if (seenSide.has(k)) twice('targets', k, seenSide.get(k), t);
    else seenSide.set(k, t);
  }
  const province = new Map();
  for (const m of payoutMonths) province.set(m, true);
  const seenProvince = new Map();
  for (const e of side.province) {
    const before = seenProvince.get(e.month);
    if (before?.file === e.file) fault('duplicate', `province ${e.month} twice in ${e.file}`);
    seenProvince.set(e.month, e);
    if (province.has(e.month) && province.get(e.month) !== e.payout) fault('province-conflict', `province ${e.month}`);
    else province.set(e.month, e.payout);
  }
  const supplied = new Map();
  for (const b of side.baselines) {
    const k = key(b.month, b.groupId);
    if (supplied.has(k)) twice('baselines', k, supplied.get(k), b);
    else supplied.set(k, b);
  }
  // A baselines row for a settled month: its schedule must take supplied baselines, and have the row's group.
  for (const b of side.baselines) {
    const s = scheduleFor(set, b.month);
    if (!b.valid || !s || !settles(b.month)) continue;
    if (s.statistic !== 'supplied') fault('baselines-unused', `${b.file}:${b.line}: baselines for ${b.month}, whose schedule ${s.id} computes its own`);
    else if (!s.groups.some((g) => g.id === b.groupId)) fault('side-file-group', `${b.file}:${b.line}: group ${b.groupId} is not of schedule ${s.id}`);
  }

  const settled = [];
  for (const m of months) {
    const s = scheduleFor(set, m);
    if (!s || !inputMonths.includes(m)) continue;
    const present = new Map(rowsOf(m).map((r) => [r.unitId, r]));
    for (const g of s.groups) for (const u of g.members) if (!present.has(u)) fault('missing-member', `${m}: ${u} missing`);
    const known = new Set(s.units.map((u) => u.id));
    for (const u of present.keys()) if (!known.has(u)) fault('unit-not-in-schedule', `${m}: ${u} not in ${s.id}`);
    // PM2.5 is part of PM10: above it in every unit (two or more), the columns are swapped (E-PM-SWAPPED).
    const above = (r) => r.values.pm25 && r.values.pm10 && X.cmp(r.values.pm25, r.values.pm10) > 0;
    if (rowsOf(m).length >= 2 && rowsOf(m).every(above)) fault('pm-swapped', `${m}: PM2.5 above PM10 in every unit`);
    const records = new Map();
    for (const r of present.values()) {
      const rec = { pm25: r.values.pm25, pm10: r.values.pm10, gd: r.values.gd, targets: {}, line: `${r.file}:${r.line}` };
      for (const p of needed(m)) {
        const ly = lastYear(r, p);
        if (ly === undefined) fault('no-last-year', `${m} ${r.unitId} ${p}`);
        else if (!(X.cmp(X.round(ly, s.cDec, s.rounding), X.ZERO) > 0)) fault('last-year-zero', `${m} ${r.unitId} ${p} rounds to 0`);
        else rec[lyKey(p)] = ly;
      }
      const own = { pm25: r.values.t25, pm10: r.values.t10, goodDays: r.values.tgd };
      const file = seenSide.get(key(m, r.unitId))?.values ?? {};
      const fromFile = { pm25: file.t25, pm10: file.t10, goodDays: file.tgd };
      for (const ind of ['pm25', 'pm10', 'goodDays']) {
        if (own[ind] && fromFile[ind] && X.cmp(own[ind], fromFile[ind]) !== 0) fault('target-conflict', `${m} ${r.unitId} ${ind}`);
        const t = own[ind] ?? fromFile[ind];
        if (t) rec.targets[ind] = t;
      }
      records.set(r.unitId, rec);
    }
    const baselines = {};
    for (const g of s.groups) {
      const b = supplied.get(key(m, g.id));
      if (s.statistic === 'supplied') {
        for (const f of s.factors) if (!b?.values[f.id]) fault('no-baseline', `${m} ${g.id} ${f.id}`);
        baselines[g.id] = b?.values ?? {};
      }
    }
    settled.push({ month: m, schedule: s, records, baselines, payout: province.get(m) === true });
  }
  if (problems.length > 0) return;
  problems.settlement = settled.map((x) => settleMonth(x));
}

/** Two side rows agree when they give the same fields with equal values. */
function sameValues(a, b) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] && b[k] && X.cmp(a[k], b[k]) === 0);
}

function settleMonth({ month, schedule: s, records, baselines, payout }) {
  const R = s.rounding;
  const unitValues = new Map();
  for (const [id, r] of records) {
    const v = { c: {}, ly: {}, rate: {}, gd: r.gd };
    for (const p of ['pm25', 'pm10']) {
      if (!r[p]) continue;
      v.c[p] = X.round(r[p], s.cDec, R);
      const ly = r[p === 'pm25' ? 'ly25' : 'ly10'];
      if (!ly) continue;
      v.ly[p] = X.round(ly, s.cDec, R);
      v.rate[p] = X.divRound(X.mul(X.sub(v.ly[p], v.c[p]), X.int(100)), v.ly[p], s.rDec, R);
    }
    unitValues.set(id, v);
  }
  const mean = (xs, k) => X.divRound(X.sum(xs), X.int(xs.length), k, R);
  const groups = [];
  const counties = [];
  const warnings = [];
  for (const g of s.groups) {
    const vs = g.members.map((id) => unitValues.get(id));
    const baseline = {};
    for (const f of s.factors) {
      const m = MEASURE[f.id];
      if (s.statistic === 'supplied') baseline[f.id] = baselines[g.id][f.id];
      else if (m.kind === 'concentration') baseline[f.id] = mean(vs.map((v) => v.c[m.pollutant]), s.cDec);
      else if (m.kind === 'goodDays') baseline[f.id] = mean(vs.map((v) => v.gd), s.gdDec);
      else if (s.groupRate === 'mean-of-rates') baseline[f.id] = mean(vs.map((v) => v.rate[m.pollutant]), s.rDec);
      else {
        const ty = mean(vs.map((v) => v.c[m.pollutant]), s.cDec);
        const ly = mean(vs.map((v) => v.ly[m.pollutant]), s.cDec);
        baseline[f.id] = X.divRound(X.mul(X.sub(ly, ty), X.int(100)), ly, s.rDec, R);
      }
    }
    groups.push({ group: g.id, name: g.name, baseline });
    for (const id of g.members) {
      const v = unitValues.get(id);
      const rec = records.get(id);
      // docs/decisions.md 34: a unit's PM2.5 above its PM10 (as given), or a rate below −100 %, is settled with a warning.
      if (rec.pm25 && rec.pm10 && X.cmp(rec.pm25, rec.pm10) > 0) warnings.push({ code: 'W-PM25-ABOVE-PM10', id });
      for (const p of ['pm25', 'pm10']) if (v.rate[p] && X.cmp(v.rate[p], X.int(-100)) < 0) warnings.push({ code: 'W-RATE-BELOW-MINUS-100', id });
      const factors = s.factors.map((f) => settleFactor(s, f, v, rec, baseline[f.id], payout));
      let deductions = X.sum(factors.filter((f) => X.sign(f.amount) < 0).map((f) => X.abs(f.amount)));
      let rewards = X.sum(factors.filter((f) => X.sign(f.amount) > 0).map((f) => f.amount));
      let capped = null;
      if (s.caps.deductions && X.cmp(deductions, s.caps.deductions) > 0) {
        capped = { deductionsBeforeCap: deductions, rewardsBeforeCap: null };
        deductions = s.caps.deductions;
      }
      if (s.caps.rewards && X.cmp(rewards, s.caps.rewards) > 0) {
        capped = { deductionsBeforeCap: capped?.deductionsBeforeCap ?? null, rewardsBeforeCap: rewards };
        rewards = s.caps.rewards;
      }
      const unit = s.units.find((u) => u.id === id);
      counties.push({ county: unit.name, id, group: g.id, factors, deductions, rewards, net: X.sub(rewards, deductions), capped });
    }
  }
  const deductions = X.sum(counties.map((c) => c.deductions));
  const rewards = X.sum(counties.map((c) => c.rewards));
  const balance = X.sub(deductions, rewards);
  return {
    month,
    schedule: s.id,
    provincePayout: payout,
    groups,
    counties,
    totals: { deductions, rewards, surplus: X.max(balance, X.ZERO), shortfall: X.max(X.neg(balance), X.ZERO) },
    warnings,
  };
}

function settleFactor(s, f, v, rec, baseline, payout) {
  const m = MEASURE[f.id];
  const value = m.kind === 'concentration' ? v.c[m.pollutant] : m.kind === 'rate' ? v.rate[m.pollutant] : v.gd;
  const gap = m.worse === 'above' ? X.sub(value, baseline) : X.sub(baseline, value);
  const side = X.sign(gap) > 0 ? 'deduction' : X.sign(gap) < 0 ? 'reward' : 'none';
  const g = X.abs(gap);
  // 第四条: the side of the gap picks its scale (clause 1 deducts, 2 rewards); a factor without it settles nothing.
  const scale = side === 'none' ? null : f[side];
  // Marginal bands: the part of the gap inside each band at its rate; nothing below the minimum gap (D6).
  let magnitude = X.ZERO;
  if (scale && !X.isZero(g) && X.cmp(g, scale.minimumGap) >= 0) {
    let from = X.ZERO;
    for (const b of scale.bands) {
      const to = b.upTo === null ? g : X.min(g, b.upTo);
      if (X.cmp(to, from) > 0) magnitude = X.add(magnitude, X.mul(X.sub(to, from), b.rate));
      if (b.upTo === null || X.cmp(g, b.upTo) <= 0) break;
      from = b.upTo;
    }
  }
  const bandAmount = side === 'deduction' ? X.neg(magnitude) : magnitude;
  let target = null;
  let met = null;
  if (f.gate) {
    const actual = f.gate === 'goodDays' ? v.gd : v.c[f.gate];
    target = rec.targets[f.gate] ?? null;
    if (target) met = f.gate === 'goodDays' ? X.cmp(actual, target) >= 0 : X.cmp(actual, target) <= 0;
  }
  let amount = bandAmount;
  let cancelled = null;
  if (side === 'reward' && X.sign(magnitude) > 0) {
    const holds = { province: payout, target: met === false };
    cancelled = s.gates.find((gate) => gate.covers.includes(f.id) && holds[gate.cancellation])?.cancellation ?? null;
    if (cancelled) amount = X.ZERO;
  }
  return {
    factor: f.id,
    value,
    baseline,
    gap,
    amount,
    cancelled,
    clause: scale ? scale.clause : f.clause,
    cancelledAmount: cancelled ? bandAmount : null,
    target,
  };
}

// ——— comparing with ecocomp's output ——————————————————————————————————————————————————————————————

const P = (x) => (x === null || x === undefined ? null : X.plain(x));

/** The recomputed settlement in the shape of ecocomp's settlement JSON (the fields compared). */
export function expectedJson(settlement) {
  return settlement.map((m) => ({
    month: m.month,
    schedule: m.schedule,
    provincePayout: m.provincePayout,
    groups: m.groups.map((g) => ({ group: g.group, name: g.name, baseline: Object.fromEntries(Object.entries(g.baseline).map(([k, v]) => [k, P(v)])) })),
    counties: m.counties.map((c) => ({
      county: c.county,
      id: c.id,
      group: c.group,
      factors: c.factors.map((f) => ({
        factor: f.factor,
        value: P(f.value),
        baseline: P(f.baseline),
        gap: P(f.gap),
        amount: P(f.amount),
        cancelled: f.cancelled,
        clause: f.clause,
        cancelledAmount: P(f.cancelledAmount),
        target: P(f.target),
      })),
      deductions: P(c.deductions),
      rewards: P(c.rewards),
      net: P(c.net),
      capped: c.capped && { deductionsBeforeCap: P(c.capped.deductionsBeforeCap), rewardsBeforeCap: P(c.capped.rewardsBeforeCap) },
    })),
    totals: Object.fromEntries(Object.entries(m.totals).map(([k, v]) => [k, P(v)])),
    warnings: m.warnings.map((w) => ({ code: w.code, id: w.id })),
  }));
}

/** Every difference between ecocomp's settlement JSON months and the expected ones, as paths with both values. */
export function diffJson(actual, expected, path = '', out = []) {
  if (out.length >= 20) return out;
  if (expected === null || typeof expected !== 'object') {
    if (actual !== expected) out.push(`${path}: ecocomp ${JSON.stringify(actual)}, recomputed ${JSON.stringify(expected)}`);
    return out;
  }
  if (actual === null || typeof actual !== 'object') {
    out.push(`${path}: ecocomp ${JSON.stringify(actual)?.slice(0, 80)}, recomputed an ${Array.isArray(expected) ? 'array' : 'object'}`);
    return out;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      out.push(`${path}: ecocomp has ${Array.isArray(actual) ? actual.length : 'no'} entries, recomputed ${expected.length}${Array.isArray(actual) ? ` (${actual.map((a) => a?.month ?? a?.id ?? a?.factor ?? '').join(' ')} vs ${expected.map((a) => a?.month ?? a?.id ?? a?.factor ?? '').join(' ')})` : ''}`);
      return out;
    }
    expected.forEach((e, i) => diffJson(actual[i], e, `${path}[${e?.month ?? e?.id ?? e?.factor ?? e?.group ?? i}]`, out));
    return out;
  }
  for (const k of Object.keys(expected)) diffJson(actual[k], expected[k], path ? `${path}.${k}` : k, out);
  return out;
}

/**
 * The invariants every settlement JSON month must keep (README "Guarantees"), whatever the oracle could read:
 * Σ nets = rewards − deductions; surplus − shortfall = deductions − rewards, one of them 0; a county's net =
 * rewards − deductions; a payout month under a cancelling gate has no rewards; under the built-in schedule every
 * amount is a multiple of 0.5 万元.
 */
export function invariantBreaks(months, { builtin = false, cancelsRewards = () => true } = {}) {
  const out = [];
  const D = (t, where) => {
    const d = typeof t === 'string' ? X.dec(t) : null;
    if (!d) out.push(`${where}: not a plain decimal: ${JSON.stringify(t)}`);
    return d ?? X.ZERO;
  };
  for (const m of months ?? []) {
    const at = m.month;
    const t = m.totals ?? {};
    const [ded, rew, sur, sho] = ['deductions', 'rewards', 'surplus', 'shortfall'].map((k) => D(t[k], `${at}.totals.${k}`));
    const nets = X.sum((m.counties ?? []).map((c) => D(c.net, `${at}.${c.id}.net`)));
    if (X.cmp(nets, X.sub(rew, ded)) !== 0) out.push(`${at}: Σ nets ${X.plain(nets)} ≠ rewards − deductions ${X.plain(X.sub(rew, ded))}`);
    if (X.cmp(X.sub(sur, sho), X.sub(ded, rew)) !== 0) out.push(`${at}: surplus − shortfall ${X.plain(X.sub(sur, sho))} ≠ deductions − rewards ${X.plain(X.sub(ded, rew))}`);
    if (X.sign(sur) < 0 || X.sign(sho) < 0 || (!X.isZero(sur) && !X.isZero(sho))) out.push(`${at}: surplus ${t.surplus} and shortfall ${t.shortfall}`);
    if (m.provincePayout && cancelsRewards(m) && !X.isZero(rew)) out.push(`${at}: a province-payout month with rewards ${t.rewards}`);
    for (const c of m.counties ?? []) {
      const [cd, cr, cn] = ['deductions', 'rewards', 'net'].map((k) => D(c[k], `${at}.${c.id}.${k}`));
      if (X.cmp(cn, X.sub(cr, cd)) !== 0) out.push(`${at}.${c.id}: net ${c.net} ≠ rewards − deductions ${X.plain(X.sub(cr, cd))}`);
      if (!c.capped) {
        const amounts = (c.factors ?? []).map((f) => D(f.amount, `${at}.${c.id}.${f.factor}`));
        const sd = X.sum(amounts.filter((a) => X.sign(a) < 0).map(X.abs));
        const sr = X.sum(amounts.filter((a) => X.sign(a) > 0));
        if (X.cmp(sd, cd) !== 0) out.push(`${at}.${c.id}: deductions ${c.deductions} ≠ Σ factor deductions ${X.plain(sd)}`);
        if (X.cmp(sr, cr) !== 0) out.push(`${at}.${c.id}: rewards ${c.rewards} ≠ Σ factor rewards ${X.plain(sr)}`);
      }
      if (builtin) {
        for (const f of c.factors ?? []) {
          const a = D(f.amount, `${at}.${c.id}.${f.factor}`);
          const twice = X.mul(a, X.int(2));
          if (twice.v % 10n ** BigInt(twice.s) !== 0n) {
            out.push(`${at}.${c.id}.${f.factor}: ${f.amount} is not a multiple of 0.5 under the built-in schedule`);
          }
        }
      }
    }
  }
  return out;
}
