// The fuzzer's case generators: well-formed inputs for every command and format, made from the built-in schedule
// and data the oracle (scripts/recompute.mjs) can recompute, then — in a share of cases — damaged on purpose with
// the near misses that real files have (a decimal comma, a unit name with a prefix, half-blank last-year cells, a
// side-file row for another month, a cell too many…) or with blind random damage. Every case is a plain object:
//   { family, command, argv, files: { name: bytes }, stdin?, traits: [], schedules?, oracle?, expect?, prepare?, output? }
import { readFileSync } from 'node:fs';
import { prepareSchedule, daysIn, shiftMonth } from './recompute.mjs';

const RAW = JSON.parse(readFileSync(new URL('../src/schedule/xuchang-2022.json', import.meta.url), 'utf8'));
const fixture = (name) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const FIXTURE_SCHEDULES = ['capped', 'deductions-only', 'mean-of-rates', 'one-decimal-from-zero', 'one-decimal', 'rates-gated', 'rewards-only', 'xuchang-2022-half-up', 'supplied-baselines'];
const TRIAL = JSON.parse(fixture('schedules/example-2020-trial.json').toString('utf8'));
/** The built-in schedules a fixture may extend by name. */
const BUILTINS = { 'xuchang-2022': RAW };
export const BUILTIN = prepareSchedule(RAW);

export const enc = (s) => new TextEncoder().encode(s);

// ——— small helpers ————————————————————————————————————————————————————————————————————————————————

const chance = (r, p) => r.next() < p;
const between = (r, lo, hi) => lo + r.int(hi - lo + 1);
function shuffle(r, xs) {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
const weighted = (r, table) => {
  let x = r.next() * table.reduce((n, [w]) => n + w, 0);
  for (const [w, v] of table) if ((x -= w) < 0) return v;
  return table[table.length - 1][1];
};

let gbTable;
/** Text to GB18030 bytes (what Excel writes on a Chinese Windows), or null when a character is outside its 2-byte part. */
export function gb18030(text) {
  if (!gbTable) {
    gbTable = new Map();
    const d = new TextDecoder('gb18030', { fatal: true });
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        try {
          const c = d.decode(Uint8Array.of(a, b));
          if (c.length === 1 && !gbTable.has(c)) gbTable.set(c, [a, b]);
        } catch {
          /* not a character */
        }
      }
    }
  }
  const out = [];
  for (const ch of text) {
    const code = ch.codePointAt(0);
    if (code < 0x80) out.push(code);
    else if (gbTable.has(ch)) out.push(...gbTable.get(ch));
    else return null;
  }
  return Uint8Array.from(out);
}

// ——— schedules ———————————————————————————————————————————————————————————————————————————————————

/**
 * A decimal string for a schedule: usually short, sometimes with leading or trailing zeros, and now and then at or
 * just beyond the bounds of README "Rule schedules" (below 10^9, at most 6 decimal places): 6 places or 7, nine
 * integer digits or ten (rates only, `big`: a band limit must stay in order), forty-odd digits.
 */
function scheduleDecimal(r, whole, { half = true, big = false } = {}) {
  const base = half && chance(r, 0.3) ? `${whole}.5` : String(whole);
  const point = base.includes('.') ? '' : '.';
  return weighted(r, [
    [85, base],
    [6, `0${base}`],
    [6, base.includes('.') ? `${base}0` : `${base}.0`],
    [0.4, `${base}${point}${'0'.repeat(between(r, 30, 45))}1`],
    [0.8, r.pick([`${whole}.000001`, `${whole}.123456`, `${whole}.0000001`, `${whole}.5000000`, `00000000000${base}`])],
    [big ? 0.6 : 0, r.pick(['999999999', '999999999.999999', '1000000000', `${whole}00000000`])],
  ]);
}

const LIMITS = { pm25: [1, 20], pm10: [1, 30], pm25Rate: [1, 8], pm10Rate: [1, 8], goodDays: [1, 6] };

/** One direction's scale (第四条 clause 1 or 2): bands, rates and minimum gap drawn on their own. */
function fuzzScale(r, id, clause) {
  const [lo, hi] = LIMITS[id];
  const n = between(r, 0, 3);
  const limits = [...new Set(Array.from({ length: n }, () => between(r, lo, hi)))].sort((a, b) => a - b);
  const texts = limits.map((l) => scheduleDecimal(r, l, { half: false }));
  const ref = { article: 4, clause, note: 'fuzz' };
  const first = limits[0] ?? Infinity;
  return {
    minimumGap: { value: r.pick(['0', '0.5', '1', '1']).replace(/.*/, (m) => (Number(m) <= first ? m : '0')), ref },
    bands: [...texts, null].map((upTo) => ({ upTo, rate: scheduleDecimal(r, between(r, 0, 40), { big: true }), ref })),
    ref,
  };
}

/** A factor's scales drawn apart (so deduction and reward rates differ), now and then one absent, and its target gate. */
function mutateFactor(r, f, s) {
  const sides = r.pick(['both', 'both', 'deductions', 'rewards']);
  f.deduction = sides === 'rewards' ? null : fuzzScale(r, f.id, 1);
  f.reward = sides === 'deductions' ? null : fuzzScale(r, f.id, 2);
  const target = s.gates.find((g) => g.condition === 'target-missed');
  const indicator = r.pick([null, null, 'pm25', 'pm10', 'goodDays']);
  if (target && indicator) target.targets[f.id] = indicator;
  else if (target) delete target.targets[f.id];
}

/** The 第五条 gates over the factors the schedule kept; now and then the province gate dropped or put second. */
function finishGates(r, s) {
  const ids = s.factors.map((f) => f.id);
  for (const g of s.gates) {
    if (g.condition === 'province-payout') g.factors = ids;
    else for (const k of Object.keys(g.targets)) if (!ids.includes(k)) delete g.targets[k];
  }
  s.gates = s.gates.filter((g) => g.condition === 'province-payout' || Object.keys(g.targets).length > 0);
  if (chance(r, 0.2)) s.gates = s.gates.filter((g) => g.condition !== 'province-payout');
  else if (chance(r, 0.2)) s.gates.reverse();
}

/**
 * A valid schedule made from the built-in one: its computation choices, factors (a subset, in any order), bands,
 * rates, directions, thresholds, gates, caps, province gate, unit names and groups varied.
 */
export function validSchedule(r, { id = `fuzz-${r.int(1e6)}`, from = RAW.effectiveFrom, until = null, plain = false } = {}) {
  const s = structuredClone(RAW);
  s.id = id;
  s.effectiveFrom = from;
  s.effectiveUntil = until;
  if (plain) return s;
  const c = s.computation;
  if (chance(r, 0.5)) c.rounding.value = r.pick(['half-even', 'half-up']);
  if (chance(r, 0.3)) c.concentrationDecimals.value = between(r, 0, 3);
  if (chance(r, 0.3)) c.rateDecimals.value = between(r, 0, 4);
  if (chance(r, 0.2)) c.goodDaysBaselineDecimals.value = between(r, 0, 3);
  if (chance(r, 0.3)) c.groupRate.value = r.pick(['rate-of-means', 'mean-of-rates']);
  if (chance(r, 0.12)) c.baselineStatistic.value = 'supplied';
  if (chance(r, 0.25)) s.factors = shuffle(r, s.factors).slice(0, between(r, 1, 5));
  for (const f of s.factors) if (chance(r, 0.4)) mutateFactor(r, f, s);
  finishGates(r, s);
  if (chance(r, 0.2)) s.caps = { deductions: r.pick([null, '100', '250.5', '0']), rewards: r.pick([null, '80', '300']), ref: { note: 'fuzz' } };
  if (chance(r, 0.15)) s.units[r.int(s.units.length)].aliases.push(`别名${r.int(100)}号`);
  if (chance(r, 0.15)) {
    // Move a unit to the other group (each keeps at least one member).
    const [a, b] = shuffle(r, s.groups);
    if (a.members.length > 1) b.members.push(...a.members.splice(r.int(a.members.length), 1));
  }
  if (chance(r, 0.1)) {
    const central = s.groups[0];
    const half = central.members.splice(0, 2);
    s.groups.push({ id: 'central-b', name: '中心城区第二组', members: half, ref: { note: 'fuzz' } });
  }
  return s;
}

/** Schedule JSON as text, in one of the ways a person or a program writes it. */
export function scheduleText(r, s) {
  const text = JSON.stringify(s, null, r.pick([2, 4, 0, '\t']));
  return r.next() < 0.1 ? `\ufeff${text}` : text;
}

/**
 * A broken schedule: { text, kind } where the kind names the fault. Each is refused by the README's rules (a JSON
 * number for a rate, an unknown key…); a duplicate key and an impossible date are refused by "nothing silent".
 */
export function brokenSchedule(r) {
  const s = validSchedule(r, { plain: chance(r, 0.5) });
  const f = s.factors[r.int(s.factors.length)];
  const scale = f.deduction ?? f.reward;
  const kind = r.pick(['number-rate', 'bad-decimal', 'unknown-key', 'missing-key', 'duplicate-key', 'impossible-date', 'not-ascending', 'alias-collision', 'bad-member', 'until-before-from', 'decimals-range', 'syntax', 'minimum-above-first', 'bad-enum', 'empty-name']);
  let text;
  switch (kind) {
    case 'number-rate':
      scale.bands[0].rate = between(r, 1, 30);
      break;
    case 'bad-decimal':
      scale.bands[0].rate = r.pick(['1e3', '-5', '', 'Infinity', '0x10', '１０', '10 ', ' 10', '1,5', '.5', '5.', 'NaN']);
      break;
    case 'unknown-key':
      r.pick([s, f, s.computation, scale.bands[0], scale])[r.pick(['colour', 'Rate', 'notes', 'minimumgap'])] = '1';
      break;
    case 'missing-key':
      delete r.pick([[s, 'title'], [s, 'units'], [f, 'deduction'], [scale.bands[0], 'rate'], [s.computation, 'rounding'], [s, 'fund']]).reduce((o, k) => (typeof k === 'string' ? (delete o[k], o) : o));
      break;
    case 'duplicate-key': {
      // The same key twice in the text: JSON.parse keeps the last, silently. The first value differs.
      const t = JSON.stringify(s, null, 2);
      const target = r.pick([['"id": "', `"id": "other-${r.int(100)}",\n  "id": "`], ['"rate": "', '"rate": "99",\n          "rate": "'], ['"effectiveFrom": "', '"effectiveFrom": "2030-01-01",\n  "effectiveFrom": "'], ['"value": "half-even"', '"value": "half-up", "value": "half-even"']]);
      if (!t.includes(target[0])) return brokenSchedule(r);
      text = t.replace(target[0], target[1]);
      break;
    }
    case 'impossible-date':
      s.effectiveFrom = r.pick(['2022-02-30', '2022-09-31', '2022-04-31', '2023-02-29']);
      break;
    case 'not-ascending':
      scale.bands = [{ upTo: '5', rate: '1', ref: { note: 'x' } }, { upTo: '3', rate: '2', ref: { note: 'x' } }, { upTo: null, rate: '3', ref: { note: 'x' } }];
      break;
    case 'alias-collision':
      s.units[1].aliases.push(r.pick([s.units[0].name, ...s.units[0].aliases, s.units[0].name.replace(/区$/, ' 区')]));
      break;
    case 'bad-member':
      s.groups[0].members.push(r.pick(['nobody', s.units[5].id]));
      break;
    case 'until-before-from':
      s.effectiveUntil = '2022-01-01';
      break;
    case 'decimals-range':
      s.computation[r.pick(['concentrationDecimals', 'rateDecimals'])].value = r.pick([7, -1, 0.5, '1']);
      break;
    case 'syntax': {
      const t = JSON.stringify(s, null, 2);
      text = r.pick([t.slice(0, r.int(t.length)), t.replace(/}\s*$/, ',}'), t.replace('"id"', "'id'"), `${t}x`]);
      break;
    }
    case 'minimum-above-first':
      scale.bands = [{ upTo: '2', rate: '1', ref: { note: 'x' } }, { upTo: null, rate: '2', ref: { note: 'x' } }];
      scale.minimumGap = { value: '3', ref: { note: 'x' } };
      break;
    case 'bad-enum':
      s.computation.rounding.value = r.pick(['half-down', 'HALF-EVEN', 'even', '']);
      break;
    case 'empty-name':
      s.units[r.int(s.units.length)].name = r.pick(['', ' ']);
      break;
  }
  return { text: text ?? JSON.stringify(s, null, 2), kind };
}

// ——— monthly data ————————————————————————————————————————————————————————————————————————————————

/** A monthly mean as text: whole, one or two decimals, a tie, a leading zero, or (rarely) forty-odd digits. */
function concentration(r, lo = 5, hi = 250) {
  const w = between(r, lo, hi - 1);
  return weighted(r, [
    [50, String(w)],
    [20, `${w}.${r.int(10)}`],
    [12, `${w}.5`],
    [6, `${w}.${String(r.int(100)).padStart(2, '0')}`],
    [4, `${w}.${r.int(10)}${r.int(10)}${r.int(10)}`],
    [3, `0${w}`],
    [5, `${w}.${r.pick(['4', '5'])}${'9'.repeat(between(r, 25, 50))}`],
  ]);
}

const COLUMN_NAMES = {
  month: [['month', 60], ['月份', 30], ['Month', 5], ['MONTH', 5]],
  county: [['county', 50], ['区县', 20], ['县（市、区）', 15], ['单位', 10], ['County', 5]],
  pm25: [['pm25', 50], ['PM2.5', 30], ['PM2.5（μg/m³）', 10], ['pm2.5', 5], ['PM_25', 5]],
  pm10: [['pm10', 50], ['PM10', 30], ['PM10 (μg/m³)', 10], ['pm-10', 10]],
  ly25: [['pm25_last_year', 60], ['去年同期PM2.5', 30], ['PM25 Last Year', 10]],
  ly10: [['pm10_last_year', 60], ['去年同期PM10', 30], ['pm10 last-year', 10]],
  gd: [['good_days', 60], ['优良天数', 30], ['Good Days', 10]],
  t25: [['pm25_target', 60], ['PM2.5目标', 40]],
  t10: [['pm10_target', 60], ['PM10目标', 40]],
  tgd: [['good_days_target', 60], ['优良天数目标', 40]],
};
const headerName = (r, key) => weighted(r, COLUMN_NAMES[key].map(([n, w]) => [w, n]));

/** A unit as a file names it: its name mostly, else an alias or its id. */
function unitText(r, s, id) {
  const u = s.units.find((x) => x.id === id);
  return weighted(r, [[70, u.name], [20, u.aliases.length ? r.pick(u.aliases) : u.name], [10, u.id]]);
}

function scheduleFor(set, month) {
  return set.find((s) => month >= s.from && (s.until === null || month <= s.until));
}

/**
 * The months of a case and the rows that hold them. Each settled month gets its last-year values either in its own
 * *_last_year cells or from rows twelve months earlier (which are settled too when their schedule covers them and
 * they have last-year values of their own).
 */
function monthlyRows(r, set, months) {
  const rows = new Map();
  const add = (month, unitId, values) => rows.set(`${month}|${unitId}`, { month, unitId, values });
  const needsLy = (s) => s.factors.some((f) => f.id === 'pm25Rate' || f.id === 'pm10Rate');
  for (const month of months) {
    const s = scheduleFor(set, month) ?? set[set.length - 1];
    const strategy = needsLy(s) ? r.pick(['cells', 'cells', 'rows']) : r.pick(['none', 'cells']);
    const targets = chance(r, 0.25);
    // Mostly PM2.5 below PM10, as measured (PM2.5 is part of PM10); else drawn apart, so some units lie above.
    const apart = chance(r, 0.3);
    const pm = () => (apart ? { pm25: concentration(r), pm10: concentration(r, 10, 400) } : { pm25: concentration(r, 5, 200), pm10: concentration(r, 205, 400) });
    for (const u of s.units) {
      const v = { ...pm(), gd: String(between(r, 0, daysIn(month))) };
      if (strategy === 'cells') [v.ly25, v.ly10] = [concentration(r), concentration(r, 10, 400)];
      if (targets && chance(r, 0.7)) {
        if (chance(r, 0.7)) v.t25 = String(between(r, 20, 120));
        if (chance(r, 0.5)) v.t10 = String(between(r, 40, 200));
        if (chance(r, 0.6)) v.tgd = String(between(r, 0, daysIn(month)));
      }
      add(month, u.id, v);
      if (strategy === 'rows' && !rows.has(`${shiftMonth(month, -12)}|${u.id}`)) {
        add(shiftMonth(month, -12), u.id, { ...pm(), gd: String(between(r, 0, daysIn(shiftMonth(month, -12)))) });
      }
    }
  }
  return [...rows.values()];
}

/** Months to settle under a schedule set: 1–3 (or a year's worth) inside the set's span. */
function pickMonths(r, set, many = false) {
  const first = set.reduce((a, s) => (s.from < a ? s.from : a), '9999-99');
  const start = first < '2022-09' ? '2021-06' : first;
  const base = shiftMonth(start, r.int(48));
  const n = many ? between(r, 3, 13) : weighted(r, [[60, 1], [25, 2], [15, 3]]);
  const months = new Set();
  for (let i = 0; i < n; i++) months.add(many ? shiftMonth(base, i) : shiftMonth(base, r.pick([0, 1, 2, 12, 24, 13])));
  return [...months].filter((m) => scheduleFor(set, m)).sort();
}

/** Rows as CSV files: the columns a case uses, in any order and under any of their names, split over 1–3 files. */
function renderMonthly(r, set, rows, { files = 1 } = {}) {
  const used = new Set(['month', 'county']);
  for (const row of rows) for (const k of Object.keys(row.values)) used.add(k);
  const parts = Array.from({ length: files }, () => []);
  for (const row of shuffle(r, rows)) parts[r.int(files)].push(row);
  return parts.map((part) => {
    const keys = chance(r, 0.3) ? shuffle(r, [...used]) : [...used].sort((a, b) => order(a) - order(b));
    const header = keys.map((k) => headerName(r, k));
    if (chance(r, 0.05)) {
      keys.push('note');
      header.push(r.pick(['备注', '说明']));
    }
    const body = part.map((row) => {
      const s = scheduleFor(set, row.month) ?? set.find((x) => x.units.some((u) => u.id === row.unitId)) ?? set[0];
      return keys.map((k) => (k === 'month' ? monthText(r, row.month) : k === 'county' ? unitText(r, s, row.unitId) : k === 'note' ? r.pick(['', '核对', '补报']) : row.values[k] ?? ''));
    });
    return { header, body, keys };
  });
}

const ORDER = ['month', 'county', 'pm25', 'pm10', 'ly25', 'ly10', 'gd', 't25', 't10', 'tgd'];
const order = (k) => ORDER.indexOf(k);
const monthText = (r, m) => weighted(r, [[85, m], [8, m.replace('-', '/')], [7, `${m.slice(0, 4)}年${Number(m.slice(5))}月`]]);

/** A table to bytes: an encoding, line ends, a final line end or not. */
function serialise(r, table, traits) {
  const nl = chance(r, 0.25) ? '\r\n' : '\n';
  const quoteIf = (c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const lines = [table.header, ...table.body].map((cells) => cells.map((c) => (c.raw ? c.raw : quoteIf(String(c)))).join(','));
  const text = lines.join(nl) + (chance(r, 0.85) ? nl : '');
  const e = weighted(r, [[70, 'utf-8'], [18, 'bom'], [12, 'gb18030']]);
  if (e === 'gb18030') {
    const bytes = gb18030(text);
    if (bytes) {
      traits.push('gb18030');
      return bytes;
    }
  }
  return enc(e === 'bom' ? `\ufeff${text}` : text);
}

// ——— damage ——————————————————————————————————————————————————————————————————————————————————————

export const WEIRD_CELLS = [
  '', ' ', '0', '-0', '+5', '45.', '.5', '4 5', '1e3', '1E-3', '0x10', 'NaN', 'Infinity', '-Infinity', '١٢', '４５', '45,5',
  '9'.repeat(40), '1'.repeat(400), `${'9'.repeat(20)}.${'9'.repeat(20)}`, '"', '""', '"x"y', "'", '=1+1', '@SUM(A1)', '\u202e12', '\u0000',
  '\u200b', 'null', '—', '2022-13', '2022年13月', '2022/0', '0000-00', '魏都区\r', '\t', '🙂', 'a'.repeat(10000), '1000.0001', '-1', '32', '0.4', '1000',
];

/**
 * Near misses, each the kind of thing a real file has and each a known way to a wrong result if read silently.
 * They act on the table before it is written; the oracle reads the written bytes afresh, so a hazard only has to
 * be plausible, not predicted.
 */
const cellText = (c) => (c !== null && typeof c === 'object' ? c.raw : String(c));
function monthKey(text) {
  const m = /^(\d{4})[-/年](\d{1,2})月?$/.exec(text);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}` : null;
}

const HAZARDS = {
  // "45,5" written with a decimal comma: unquoted it shifts the cells of the row (one cell too many); quoted it is not a number.
  'decimal-comma'(r, t) {
    const row = r.pick(t.body);
    const i = t.keys.findIndex((k, j) => j > 1 && /\./.test(cellText(row[j])));
    const j = i >= 0 ? i : t.keys.findIndex((k) => ['pm25', 'pm10', 'ly25', 'ly10'].includes(k));
    if (j < 0) return false;
    const v = cellText(row[j]).includes('.') ? cellText(row[j]).replace('.', ',') : `${cellText(row[j])},5`;
    row[j] = chance(r, 0.7) ? { raw: v } : v;
    return true;
  },
  // A unit named with something before or after its name: 新东城区, xyz东城, 东城区（试点）, 许昌市魏都区.
  'unit-affix'(r, t) {
    const j = t.keys.indexOf('county');
    const row = r.pick(t.body);
    const name = cellText(row[j]);
    row[j] = r.pick([`xyz${name}`, `新${name}`, `${name}A`, `${name}（试点）`, `许昌市${name}`, `北${name}`, `${name}${name}`]);
    return true;
  },
  // One cell too many at the end of a row (a stray comma and a value).
  'extra-cell'(r, t) {
    r.pick(t.body).push(r.pick(['1', '0', 'x', '45']));
    return true;
  },
  // One cell too few.
  'short-row'(r, t) {
    const row = r.pick(t.body);
    row.splice(row.length - 1, 1);
    return true;
  },
  'weird-cell'(r, t) {
    const row = r.pick(t.body);
    row[r.int(row.length)] = r.pick(WEIRD_CELLS);
    return true;
  },
  'drop-row'(r, t) {
    if (t.body.length === 0) return false;
    t.body.splice(r.int(t.body.length), 1);
    return true;
  },
  'duplicate-row'(r, t) {
    if (t.body.length === 0) return false;
    t.body.splice(r.int(t.body.length), 0, [...r.pick(t.body)]);
    return true;
  },
  'out-of-range'(r, t) {
    const row = r.pick(t.body);
    const k = r.pick(['pm25', 'pm10', 'ly25', 'gd', 'tgd', 't25']);
    const j = t.keys.indexOf(k);
    if (j < 0) return false;
    row[j] = { pm25: r.pick(['1000.5', '1001', '-3', '1000']), pm10: r.pick(['5000', '-0.5']), ly25: r.pick(['0', '0.4', '0.5', '0.0', '1000.01']), gd: r.pick(['32', '31', '29', '-1', '2.0']), tgd: r.pick(['32', '40']), t25: r.pick(['0', '1001']) }[k];
    return true;
  },
  // PM2.5 and PM10 headers swapped: every unit of a month then has PM2.5 above PM10, refused (E-PM-SWAPPED).
  'swapped-columns'(r, t) {
    const [a, b] = [t.keys.indexOf('pm25'), t.keys.indexOf('pm10')];
    if (a < 0 || b < 0) return false;
    [t.header[a], t.header[b]] = [t.header[b], t.header[a]];
    return true;
  },
  // One unit's PM2.5 and PM10 swapped: settled, with a warning (W-PM25-ABOVE-PM10).
  'pm25-above-pm10'(r, t) {
    const [a, b] = [t.keys.indexOf('pm25'), t.keys.indexOf('pm10')];
    if (a < 0 || b < 0) return false;
    const row = r.pick(t.body);
    [row[a], row[b]] = [row[b], row[a]];
    return true;
  },
  // Empty cells after the last column (Excel's trailing commas): no fault.
  'trailing-empty-cells'(r, t) {
    const row = r.pick(t.body);
    row.push(...Array.from({ length: 1 + r.int(3) }, () => r.pick(['', '', ' '])));
    return true;
  },
  // A unit written another way: case, full width, blanks around (all the same unit); a space inside, an invisible
  // character, the city's name before a unit a schedule renamed (refused).
  'unit-form'(r, t) {
    const j = t.keys.indexOf('county');
    const row = r.pick(t.body);
    const name = cellText(row[j]);
    const fullWidth = (x) => x.replace(/[a-z0-9]/gi, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    row[j] = r.pick([name.toUpperCase(), fullWidth(name), ` ${name} `, `\u3000${name}`, `${name.slice(0, 1)} ${name.slice(1)}`, `${name.slice(0, 1)}\u200b${name.slice(1)}`, `\u202e${name}`, `许昌市${name}`, `${name}\u00a0`]);
    return true;
  },
  'header-variant'(r, t) {
    const k = r.int(3);
    if (k === 0) t.header.push(r.pick(['pm25', 'month', 'PM2.5']));
    else if (k === 1) t.header[r.int(t.header.length)] = r.pick(['pm2_5', 'pm25_lastyear', 'goodday', '优良天数 (天)', 'PM2.5 （μg/m3）', '']);
    else t.header.push('');
    return true;
  },
  // Blank the last-year cells of some units of a month whose month a year later is in the inputs: the month is
  // then neither settleable nor a pure last-year month.
  'partial-last-year'(r, t) {
    const jm = t.keys.indexOf('month');
    const j25 = t.keys.indexOf('ly25');
    const j10 = t.keys.indexOf('ly10');
    if (j25 < 0 && j10 < 0) return false;
    const withLy = t.body.filter((row) => (j25 >= 0 && row[j25] !== '') || (j10 >= 0 && row[j10] !== ''));
    if (withLy.length < 2) return false;
    const month = monthKey(cellText(r.pick(withLy)[jm]));
    if (month === null) return false;
    const ofMonth = withLy.filter((row) => monthKey(cellText(row[jm])) === month);
    for (const row of ofMonth.slice(0, between(r, 1, Math.max(1, ofMonth.length - 1)))) {
      if (j25 >= 0) row[j25] = '';
      if (j10 >= 0 && chance(r, 0.7)) row[j10] = '';
    }
    return { month };
  },
};

/** Blind damage to text: the fuzzer's first mutations (cells, lines, separators, quotes, line ends, very long lines). */
export function mutateText(r, text) {
  let lines = text.split('\n');
  const ops = 1 + r.int(4);
  for (let k = 0; k < ops; k++) {
    const i = r.int(lines.length);
    switch (r.int(12)) {
      case 0: {
        const cells = (lines[i] ?? '').split(',');
        cells[r.int(cells.length)] = r.pick(WEIRD_CELLS);
        lines[i] = cells.join(',');
        break;
      }
      case 1: lines.splice(i, 1); break;
      case 2: lines.splice(i, 0, lines[r.int(lines.length)] ?? ''); break;
      case 3: lines[i] = (lines[i] ?? '').replaceAll(',', r.pick([';', '\t', ',,', '，'])); break;
      case 4: lines[i] = `"${lines[i] ?? ''}`; break;
      case 5: lines[i] = (lines[i] ?? '') + ','.repeat(1 + r.int(5000)); break;
      case 6: lines[i] = (lines[i] ?? '') + 'x'.repeat(1 + r.int(200000)); break;
      case 7: lines = lines.map((l) => l + r.pick(['\r', '', ' '])); break;
      case 8: lines.splice(i, 0, ''); break;
      case 9: lines[i] = (lines[i] ?? '').slice(0, r.int((lines[i] ?? '').length + 1)); break;
      case 10: lines[0] = r.pick(['月份,县（市、区）,PM2.5,PM10,去年同期PM2.5,去年同期PM10,优良天数', 'month,county', 'month,month,county,pm25,pm10,good_days', '\ufeff' + (lines[0] ?? ''), '']); break;
      default: lines[i] = (lines[i] ?? '').replace(/\d+/, () => String(r.pick([0, 1, 1000, 1001, 32, -1, 2 ** 53]))); break;
    }
  }
  return lines.join(r.next() < 0.2 ? '\r\n' : '\n');
}

export function mutateBytes(r, bytes) {
  const out = Uint8Array.from(bytes);
  for (let k = 0, n = 1 + r.int(8); k < n && out.length > 0; k++) out[r.int(out.length)] = r.int(256);
  return r.next() < 0.3 ? out.subarray(0, r.int(out.length + 1)) : out;
}

// ——— side files ————————————————————————————————————————————————————————————————————————————————————

/** Targets per unit-month; where the data give a target too, the file repeats it (a different value is a conflict). */
function targetsFile(r, set, months, traits, rows) {
  const lines = [r.pick(['month,county,pm25_target,pm10_target,good_days_target', 'month,county,good_days_target,pm25_target'])];
  const cols = lines[0].split(',').slice(2);
  const list = [...months];
  if (chance(r, 0.25)) {
    list.push(shiftMonth(months[0], r.pick([1, -1, 5, 12])));
    traits.push('side-month-absent');
  }
  for (const m of list) {
    const s = scheduleFor(set, m) ?? set[0];
    for (const u of s.units) {
      if (!chance(r, 0.5)) continue;
      const inData = rows.find((x) => x.month === m && x.unitId === u.id)?.values ?? {};
      const own = { pm25_target: inData.t25, pm10_target: inData.t10, good_days_target: inData.tgd };
      const cell = { pm25_target: () => String(between(r, 20, 120)), pm10_target: () => String(between(r, 40, 200)), good_days_target: () => String(between(r, 0, daysIn(m))) };
      lines.push([m, u.name, ...cols.map((c) => (own[c] !== undefined ? (chance(r, 0.9) ? own[c] : cell[c]()) : chance(r, 0.8) ? cell[c]() : ''))].join(','));
    }
  }
  if (lines.length === 1) lines.push(`${months[0]},${set[0].units[0].name},${cols.map(() => '').join(',')}`);
  return enc(`${lines.join('\n')}\n`);
}

function provinceFile(r, months, traits) {
  const lines = ['month,province_result'];
  for (const m of months) if (chance(r, 0.7)) lines.push(`${m},${r.pick(['支偿', '得补', 'payout', 'receive'])}`);
  if (chance(r, 0.25)) {
    lines.push(`${shiftMonth(months[months.length - 1], r.pick([1, 2, -1, 12]))},${r.pick(['支偿', 'payout'])}`);
    traits.push('side-month-absent');
  }
  if (lines.length === 1) lines.push(`${months[0]},得补`);
  return enc(`${lines.join('\n')}\n`);
}

/** A whole number with up to `k` decimals (sometimes a trailing zero, which is no decimal). */
function withDecimals(r, whole, k) {
  const places = k === 0 ? 0 : r.int(k + 1);
  const digits = Array.from({ length: places }, () => r.int(10)).join('');
  const text = places > 0 ? `${whole}.${digits}` : String(whole);
  return chance(r, 0.1) ? `${text}${places > 0 ? '' : '.'}0` : text;
}

/**
 * Supplied baselines per month and group: mostly as the schedule keeps them (D3, D4, D8) and in range; now and then
 * a value with a decimal too many, out of range, or with forty-odd digits — each refused (docs/decisions.md 33).
 */
function baselinesFile(r, set, months, traits) {
  const lines = ['month,group,pm25,pm25_rate,pm10,pm10_rate,good_days'];
  const list = [...months];
  if (chance(r, 0.2)) {
    list.push(shiftMonth(months[0], r.pick([1, -1, 12])));
    traits.push('side-month-absent');
  }
  for (const m of list) {
    const s = scheduleFor(set, m) ?? set[0];
    for (const g of s.groups) {
      const days = daysIn(m);
      const cells = {
        pm25: () => withDecimals(r, between(r, 5, 200), s.cDec),
        pm10: () => withDecimals(r, between(r, 10, 400), s.cDec),
        rate: () => `${chance(r, 0.3) ? '-' : ''}${withDecimals(r, chance(r, 0.05) ? between(r, 100, 300) : between(r, 0, 15), s.rDec)}`,
        gd: () => withDecimals(r, between(r, 0, days - 1), s.gdDec),
      };
      const row = [m, chance(r, 0.8) ? g.name : g.id, cells.pm25(), cells.rate(), cells.pm10(), cells.rate(), cells.gd()];
      if (chance(r, 0.1)) {
        const i = 2 + r.int(5);
        const decimals = i === 3 || i === 5 ? s.rDec : i === 6 ? s.gdDec : s.cDec;
        row[i] = r.pick([`${between(r, 1, 90)}.${'1'.repeat(decimals + 1)}`, i === 3 || i === 5 ? '100.5' : i === 6 ? String(days + 1) : '1000.5', '-1', `44.${'0'.repeat(40)}1`]);
        traits.push('baseline-near-miss');
      }
      lines.push(row.join(','));
    }
  }
  return enc(`${lines.join('\n')}\n`);
}

// ——— the settling commands —————————————————————————————————————————————————————————————————————————

/**
 * The schedules of a case and how the command line names them: none (the built-in one), "xuchang-2022" (sometimes
 * with a file of that name in the working directory, which must not be read), a generated file, a fixture, or two
 * schedules in force for different months (the second sometimes renaming a unit).
 */
function pickSchedules(r, files, argv, traits) {
  const how = weighted(r, [[50, 'builtin'], [6, 'builtin-named'], [26, 'generated'], [6, 'fixture'], [12, 'pair']]);
  if (how === 'builtin') return [BUILTIN];
  if (how === 'builtin-named') {
    argv.push('--rules', 'xuchang-2022');
    if (chance(r, 0.5)) {
      const decoy = validSchedule(r, { id: 'decoy' });
      decoy.factors.forEach((f) => mutateFactor(r, f, decoy));
      decoy.computation.baselineStatistic.value = 'mean';
      files['xuchang-2022'] = enc(JSON.stringify(decoy));
      traits.push('rules-name-decoy');
      return withDecoy([BUILTIN], prepareSchedule(decoy));
    }
    return [BUILTIN];
  }
  if (how === 'fixture') {
    const name = r.pick(FIXTURE_SCHEDULES);
    const bytes = fixture(`schedules/${name}.json`);
    files[`${name}.json`] = bytes;
    argv.push('--rules', `${name}.json`);
    return [prepareSchedule(JSON.parse(bytes.toString('utf8')), BUILTINS)];
  }
  if (how === 'generated') {
    const s = validSchedule(r, { from: r.pick(['2022-09-13', '2022-09-13', '2023-01-01', '2024-03-15']) });
    files['rules.json'] = enc(scheduleText(r, s));
    argv.push('--rules', 'rules.json');
    traits.push('generated-schedule');
    return [prepareSchedule(s)];
  }
  // Two schedules, each in force for its own months.
  if (chance(r, 0.4)) {
    files['trial.json'] = enc(JSON.stringify(TRIAL));
    argv.push('--rules', 'trial.json', '--rules', 'xuchang-2022');
    traits.push('two-schedules');
    return [prepareSchedule(TRIAL, BUILTINS), BUILTIN];
  }
  const boundary = shiftMonth('2022-09', between(r, 1, 30));
  const a = validSchedule(r, { id: 'fuzz-a', until: `${shiftMonth(boundary, -1)}-${daysIn(shiftMonth(boundary, -1))}` });
  const b = validSchedule(r, { id: 'fuzz-b', from: `${boundary}-${String(between(r, 1, 28)).padStart(2, '0')}` });
  if (chance(r, 0.5)) {
    // The later schedule renames a unit (a district renamed): each month must carry the name of its own schedule.
    const u = b.units[r.int(b.units.length)];
    u.aliases = u.aliases.filter((x) => x !== u.name);
    u.aliases.push(u.name);
    u.name = `${u.name.replace(/[区市县]$/, '')}新区`;
    traits.push('renamed-unit');
  }
  b.units.forEach((u, i) => (u.aliases = u.aliases.filter((x) => !a.units.some((v, j) => j !== i && (v.name === x || v.aliases.includes(x))))));
  files['a.json'] = enc(JSON.stringify(a));
  files['b.json'] = enc(JSON.stringify(b));
  argv.push(...(chance(r, 0.5) ? ['--rules', 'a.json', '--rules', 'b.json'] : ['--rules', 'b.json', '--rules', 'a.json']));
  traits.push('two-schedules');
  return [prepareSchedule(a), prepareSchedule(b)];
}

function withDecoy(set, decoy) {
  set.decoy = decoy;
  return set;
}

const HAZARD_NAMES = Object.keys(HAZARDS);

/**
 * The data and side files of a settling command (settle, explain, ledger, check), with the oracle's view of them.
 * Returns { argv (inputs and options, no command), files, stdin, traits, oracle, months }.
 */
export function settlingInputs(r, { many = false } = {}) {
  const files = {};
  const argv = [];
  const traits = [];
  let set = pickSchedules(r, files, argv, traits);
  const decoy = set.decoy;
  let months = pickMonths(r, set, many);
  if (months.length === 0) months = [set[set.length - 1].from];
  const rows = monthlyRows(r, set, months);
  const nFiles = weighted(r, [[75, 1], [18, 2], [7, 3]]);
  const tables = renderMonthly(r, set, rows, { files: nFiles });
  // Near misses: none in most cases, one or two in the rest.
  const hazards = chance(r, 0.35) ? Array.from({ length: weighted(r, [[75, 1], [25, 2]]) }, () => r.pick(HAZARD_NAMES)) : [];
  for (const h of hazards) {
    const t = r.pick(tables);
    if (t.body.length === 0) continue;
    const done = HAZARDS[h](r, t);
    if (!done) continue;
    traits.push(h);
    if (h === 'partial-last-year' && chance(r, 0.8)) {
      // …and the month a year later is in the inputs (its last-year values come from these rows).
      const s = scheduleFor(set, shiftMonth(done.month, 12)) ?? set[set.length - 1];
      const jm = t.keys.indexOf('month');
      const jc = t.keys.indexOf('county');
      const later = shiftMonth(done.month, 12);
      const extra = s.units.map((u) => t.keys.map((k, j) => (j === jm ? later : j === jc ? u.name : ['pm25', 'pm10'].includes(k) ? concentration(r) : k === 'gd' ? String(between(r, 0, daysIn(later))) : '')));
      t.body.push(...extra);
      months = [...new Set([...months, later])].sort();
    }
  }
  const dataNames = tables.map((_, i) => `data${i + 1}.csv`);
  let stdin;
  const blind = chance(r, 0.08);
  tables.forEach((t, i) => {
    let bytes = serialise(r, t, traits);
    if (blind && i === 0) {
      bytes = chance(r, 0.8) ? enc(mutateText(r, new TextDecoder().decode(bytes))) : mutateBytes(r, bytes);
      traits.push('blind-damage');
    }
    if (i === 0 && chance(r, 0.15)) {
      stdin = bytes;
      dataNames[0] = '-';
    } else files[dataNames[i]] = bytes;
  });
  const oracleInput = { data: dataNames.map((n) => ({ name: n, bytes: n === '-' ? stdin : files[n] })), targets: [], province: [], baselines: [], payout: [], months: null, range: null, schedules: set };
  if (chance(r, 0.2)) {
    files['targets.csv'] = targetsFile(r, set, months, traits, rows);
    argv.push('--targets', 'targets.csv');
    oracleInput.targets.push({ name: 'targets.csv', bytes: files['targets.csv'] });
    if (chance(r, 0.15)) {
      // A second targets file repeating some unit-months, with the same or other values.
      const lines = new TextDecoder().decode(files['targets.csv']).trimEnd().split('\n');
      const again = lines.slice(1).filter(() => chance(r, 0.3)).map((l) => (chance(r, 0.5) ? l.replace(/,(\d+)(,|$)/, (m, n, end) => `,${Number(n) + 1}${end}`) : l));
      files['targets2.csv'] = enc(`${[lines[0], ...again].join('\n')}\n`);
      argv.push('--targets', 'targets2.csv');
      oracleInput.targets.push({ name: 'targets2.csv', bytes: files['targets2.csv'] });
      traits.push('two-targets-files');
    }
  }
  if (chance(r, 0.12)) {
    files['province.csv'] = provinceFile(r, months, traits);
    argv.push('--province', 'province.csv');
    oracleInput.province.push({ name: 'province.csv', bytes: files['province.csv'] });
  }
  const supplied = set.some((s) => s.statistic === 'supplied');
  if (supplied ? chance(r, 0.9) : chance(r, 0.04)) {
    files['baselines.csv'] = baselinesFile(r, set, months, traits);
    argv.push('--baselines', 'baselines.csv');
    oracleInput.baselines.push({ name: 'baselines.csv', bytes: files['baselines.csv'] });
    if (!supplied) traits.push('baselines-unused');
    if (chance(r, 0.1)) {
      // A second baselines file repeating some rows: an exact copy is fine, other values are refused.
      const lines = new TextDecoder().decode(files['baselines.csv']).trimEnd().split('\n');
      const again = lines.slice(1).filter(() => chance(r, 0.5)).map((l) => (chance(r, 0.5) ? l.replace(/,(\d+)(,|$)/, (m, n, end) => `,${Number(n) + 1}${end}`) : l));
      files['baselines2.csv'] = enc(`${[lines[0], ...again].join('\n')}\n`);
      argv.push('--baselines', 'baselines2.csv');
      oracleInput.baselines.push({ name: 'baselines2.csv', bytes: files['baselines2.csv'] });
      traits.push('two-baselines-files');
    }
  }
  // Blind damage to a side file, now and then.
  for (const name of ['targets.csv', 'province.csv']) {
    if (files[name] && chance(r, 0.05)) {
      files[name] = enc(mutateText(r, new TextDecoder().decode(files[name])));
      const entry = [...oracleInput.targets, ...oracleInput.province].find((x) => x.name === name);
      if (entry) entry.bytes = files[name];
      traits.push('side-file-damage');
    }
  }
  if (chance(r, 0.15)) {
    const v = weighted(r, [[35, months[0]], [30, months.join(',')], [10, `${months[0]},${months[0]}`], [10, shiftMonth(months[0], 1)], [6, shiftMonth(months[0], -12)], [10, 'bad'], [5, '']]);
    argv.push('--province-payout', v);
    oracleInput.payout.push(v);
  }
  if (chance(r, 0.12)) {
    const v = weighted(r, [[40, months[0]], [40, months[months.length - 1]], [10, shiftMonth(months[0], -12)], [10, shiftMonth(months[0], 1)]]);
    argv.push('--month', v);
    oracleInput.months = [v];
  }
  return { argv: [...dataNames, ...argv], files, stdin, traits, oracle: oracleInput, set, decoy, months };
}

// ——— aggregate —————————————————————————————————————————————————————————————————————————————————————

/**
 * Raw monitoring data the fuzzer can aggregate by hand: each unit-day is wholly "clean" (every pollutant far below
 * its good-day limits under HJ 633-2012 and -2026) or wholly "dirty" (PM2.5 at or above 120 μg/m³, beyond good under
 * both), so good days are certain; station-days are complete or absent. Returns the export and the expected months.
 */
export function rawExport(r) {
  const hourly = chance(r, 0.5);
  const units = shuffle(r, BUILTIN.units).slice(0, between(r, 1, hourly ? 2 : 9));
  const stations = units.flatMap((u) => Array.from({ length: between(r, 1, hourly ? 2 : 3) }, (_, k) => ({ unit: u, name: `${u.name}${k + 1}号站` })));
  const month = shiftMonth('2022-01', r.int(60));
  const months = chance(r, 0.3) ? [shiftMonth(month, -12), month] : [month];
  const perStation = new Map(stations.map((s) => [s.name, []]));
  const expected = new Map();
  for (const m of months) {
    for (const u of units) {
      const days = daysIn(m);
      // Most unit-months have enough days; some fall short of 27 (25 in February).
      const dropDays = chance(r, 0.2) ? between(r, 3, 8) : r.int(3);
      const missing = new Set(shuffle(r, Array.from({ length: days }, (_, i) => i + 1)).slice(0, dropDays));
      const acc = { pm25: [], pm10: [], good: 0 };
      for (let d = 1; d <= days; d++) {
        if (missing.has(d)) continue;
        const day = `${m}-${String(d).padStart(2, '0')}`;
        const clean = chance(r, 0.6);
        const mine = stations.filter((s) => s.unit === u);
        const present = mine.filter((_, i) => i === 0 || chance(r, 0.85));
        const dayValues = { pm25: [], pm10: [] };
        for (const s of present) {
          const v = hourly ? hourlyDay(r, clean) : dailyValues(r, clean);
          perStation.get(s.name).push(...(hourly ? v.rows.map((row) => ({ day, ...row })) : [{ day, cells: v.cells }]));
          dayValues.pm25.push(v.pm25);
          dayValues.pm10.push(v.pm10);
        }
        acc.pm25.push(roundHalfEven(sumOf(dayValues.pm25), dayValues.pm25.length));
        acc.pm10.push(roundHalfEven(sumOf(dayValues.pm10), dayValues.pm10.length));
        if (clean) acc.good++;
      }
      const needed = m.endsWith('-02') ? 25 : 27;
      const valid = acc.pm25.length >= needed;
      expected.set(`${m}|${u.id}`, {
        month: m,
        unitId: u.id,
        valid,
        pm25: valid ? roundHalfEven(sumOf(acc.pm25), acc.pm25.length) : null,
        pm10: valid ? roundHalfEven(sumOf(acc.pm10), acc.pm10.length) : null,
        goodDays: acc.good,
        days: acc.pm25.length,
      });
    }
  }
  return { hourly, stations, perStation, expected, months, units };
}

const sumOf = (xs) => xs.reduce((a, b) => a + b, 0);
/** round(sum / n), half to even, for non-negative integers. */
function roundHalfEven(sum, n) {
  const q = Math.floor(sum / n);
  const r2 = 2 * (sum - q * n);
  return r2 > n || (r2 === n && q % 2 === 1) ? q + 1 : q;
}

/** A daily export row's values: whole numbers, or one decimal rounded to the day's whole value (half to even). */
function dailyValues(r, clean) {
  const pick = (lo, hi) => {
    const w = between(r, lo, hi);
    if (!chance(r, 0.3)) return [String(w), w];
    const t = r.int(10);
    return [`${w}.${t}`, t > 5 || (t === 5 && w % 2 === 1) ? w + 1 : w];
  };
  const [p25, v25] = clean ? pick(5, 34) : pick(120, 300);
  const [p10, v10] = clean ? pick(10, 49) : pick(60, 400);
  const cells = [p25, p10, String(between(r, 2, 40)), String(between(r, 5, 39)), `${between(r, 0, 1)}.${r.int(10)}`, String(between(r, 20, 99)), String(between(r, 20, 150))];
  return { cells, pm25: v25, pm10: v10 };
}

/** 24 hourly rows of a station-day (whole numbers; up to 4 PM cells missing, so the 24-h means stay valid). */
function hourlyDay(r, clean) {
  const rows = [];
  const p25 = [];
  const p10 = [];
  const gaps = new Set(Array.from({ length: r.int(5) }, () => r.int(24)));
  for (let h = 0; h < 24; h++) {
    const a = clean ? between(r, 5, 35) : between(r, 120, 300);
    const b = clean ? between(r, 10, 50) : between(r, 60, 400);
    const gap = gaps.has(h);
    if (!gap) [p25.push(a), p10.push(b)];
    const missing = r.pick(['', '—', '-', 'NA', '缺测']);
    rows.push({ hour: h, cells: [gap ? missing : String(a), gap ? missing : String(b), String(between(r, 2, 40)), String(between(r, 5, 39)), `${between(r, 0, 1)}.${r.int(10)}`, String(between(r, 10, 99))] });
  }
  return { rows, pm25: roundHalfEven(sumOf(p25), p25.length), pm10: roundHalfEven(sumOf(p10), p10.length) };
}

/**
 * The export as CSV: stations' rows interleaved in any way, each station's own rows in time order. `county` names a
 * unit in the county column (by default its built-in name).
 */
export function renderRaw(r, x, county = (u) => u.name) {
  const header = x.hourly ? 'time,station,county,pm25,pm10,so2,no2,co,o3' : 'date,station,county,pm25,pm10,so2,no2,co,o3_8h,o3_1h';
  const queues = [...x.perStation.entries()].map(([name, rows]) => ({ name, rows, i: 0, unit: x.stations.find((s) => s.name === name).unit }));
  const lines = [header];
  const block = x.hourly && chance(r, 0.5) ? 24 : 1;
  for (;;) {
    const open = queues.filter((q) => q.i < q.rows.length);
    if (open.length === 0) break;
    const q = r.pick(open);
    for (let k = 0; k < block && q.i < q.rows.length; k++) {
      const row = q.rows[q.i++];
      const when = x.hourly ? `${row.day} ${String(row.hour).padStart(2, '0')}:00` : row.day;
      lines.push([when, q.name, county(q.unit), ...row.cells].join(','));
    }
  }
  return lines;
}
