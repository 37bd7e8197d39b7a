/**
 * Worked cases as data (in the manner of OpenFisca's YAML tests, in JSON): a case names the clauses it exercises,
 * holds its input as inline CSV, the options of the run (months, province payouts, a schedule by built-in name or
 * by a path relative to the case file) and what the settlement must give — amounts per month and unit, the city's
 * totals and fund, or a refusal with its fault codes. One file holds one case or a list of them.
 *
 * Amounts and other figures are decimal strings in 万元 (or μg, percentage points, days), never JSON numbers: a
 * JSON number is a binary float, and an expected amount must be exactly what was worked out by hand.
 */
import * as z from 'zod';
import { FACTOR_IDS } from '../core/factors.js';
import { ProblemsError, type Problem } from '../core/problems.js';
import { zodTextZh } from './issues.js';
import { readStrictJson } from '../core/strict-json.js';
import { keyPath } from '../core/key-path.js';

const DECIMAL_RULE = 'a decimal written as a string, e.g. "139.5", "-20" or "0" (a JSON number is a binary float and is refused)';

const decimalText = (meaning: string) =>
  z.string({ error: DECIMAL_RULE }).regex(/^-?\d+(\.\d+)?$/, DECIMAL_RULE).describe(`${meaning}: ${DECIMAL_RULE}`);

const amount = decimalText('An amount in 万元; reward positive, deduction negative (D12)');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM, e.g. "2022-10"').describe('A month, YYYY-MM');

const csvText = z
  .union(
    [
      z.string().min(1, 'CSV text, not empty'),
      z.array(z.string()).min(1, 'the lines of a CSV table, the header first'),
      z.strictObject({ file: z.string().min(1).describe('A CSV file, by its path relative to the case file') }),
    ],
    { error: 'CSV text: one string, a list of its lines (the header first), or {"file": "PATH"} naming a CSV file beside the case file' },
  )
  .describe('A CSV table: one string, a list of its lines (the header first), or {"file": "PATH"}, a file relative to the case file; read as `ecocomp settle` reads a file');

const factorExpectation = z.union(
  [
    amount,
    z.strictObject({
      amount: amount.optional(),
      cancelled: z
        .enum(['target', 'province'])
        .nullable()
        .optional()
        .describe('第五条: "target" when the reward was cancelled because the month\'s target was missed, "province" when the province settled the city as 支偿, null when nothing was cancelled'),
      value: decimalText("The unit's value of the factor, as rounded (μg/m³, percent or days)").optional(),
      baseline: decimalText("The group's baseline (考核基数) of the factor").optional(),
      gap: decimalText('The gap: positive when the unit did worse than its group (μg, percentage points or days)').optional(),
    }),
  ],
  { error: 'the factor\'s amount as a decimal string ("20"), or an object of any of amount, cancelled, value, baseline, gap' },
).meta({ id: 'factorExpectation', description: "A factor's amount as a decimal string, or any of its figures" });

const unitExpectation = z.strictObject({
  ...Object.fromEntries(FACTOR_IDS.map((f) => [f, factorExpectation.optional()])),
  deductions: amount.optional().describe('The sum of the unit\'s deductions, as a magnitude'),
  rewards: amount.optional(),
  net: amount.optional().describe('rewards − deductions'),
})
  .refine((u) => Object.keys(u).length > 0, 'at least one figure of the unit: a factor (pm25, pm25Rate, pm10, pm10Rate, goodDays), deductions, rewards or net')
  .meta({ id: 'unitExpectation' }) as z.ZodType<UnitExpectation>;

const monthExpectation = z.strictObject({
  units: z.record(z.string().min(1), unitExpectation).optional().describe('Per unit, by its name (魏都区) or id (weidu): any of its figures'),
  totals: z
    .strictObject({
      deductions: amount.optional(),
      rewards: amount.optional(),
      surplus: amount.optional().describe('第八条: deductions left after rewards, to the special fund'),
      shortfall: amount.optional().describe('第八条: rewards beyond deductions, paid by city finance'),
    })
    .optional()
    .describe("The city's totals and the fund (第八条)"),
  provincePayout: z.boolean().optional().describe('第五条: whether the month was settled as a provincial 支偿 month'),
})
  .refine((m) => Object.keys(m.units ?? {}).length > 0 || Object.keys(m.totals ?? {}).length > 0 || m.provincePayout !== undefined, 'at least one expected figure: units, totals or provincePayout (a case that expects nothing would pass whatever the settlement gave)')
  .meta({ id: 'monthExpectation' });

const refusal = z.strictObject({
  exit: z.literal(2, { error: 'the exit code of a refusal: 2 (bad input; nothing settled)' }),
  codes: z.array(z.string().regex(/^E-[A-Z0-9-]+$/, 'a fault code, e.g. "E-GROUP-INCOMPLETE"')).min(1, 'at least one fault code').describe('Every distinct fault code the refusal reports, in any order'),
});

const expectation = z
  .strictObject({
    months: z
      .record(month, monthExpectation)
      .refine((months) => Object.keys(months).length > 0, 'at least one month, e.g. {"2022-10": {"totals": {"surplus": "146"}}}')
      .optional()
      .describe('What each settled month must give (at least one month, each with at least one figure)'),
    refusal: refusal.optional().describe('The input must be refused, with exactly these fault codes'),
  })
  .refine((e) => (e.months === undefined) !== (e.refusal === undefined), 'exactly one of "months" (the figures a settlement must give) or "refusal" (the faults it must be refused with)');

const lines = z.union([z.string(), z.array(z.string())], { error: 'text: a string, or a list of lines' });

export const caseSchema = z.strictObject({
  $schema: z.string().optional().describe('The JSON Schema of this file, for editors (schema/case.schema.json)'),
  name: z.string().trim().min(1, 'a short name of the case').describe('A short name of the case'),
  description: lines.optional().describe('What the case shows'),
  note: lines.optional().describe('The working by hand, step by step from the regulation'),
  clauses: z.array(z.string().trim().min(1)).min(1, 'at least one clause, e.g. "第四条（一）1"').describe('The articles and clauses the case exercises, e.g. "第四条（一）1", "第五条"'),
  input: z
    .strictObject({
      data: csvText.describe('The monthly data (month,county,pm25,pm10,…)'),
      targets: csvText.optional().describe('Monthly targets of 第五条 (month,county,pm25_target,pm10_target,good_days_target)'),
      province: csvText.optional().describe("The province's verdicts of 第五条 (month,province_result)"),
      baselines: csvText.optional().describe('Group baselines, for a schedule that takes them as supplied (D1)'),
    })
    .describe('The input tables, as inline CSV'),
  options: z
    .strictObject({
      months: z.array(month).min(1).optional().describe('Settle only these months (--month)'),
      provincePayout: z.array(month).optional().describe('Months the province settled the city as 支偿 (--province-payout)'),
      rules: z
        .array(z.string().min(1))
        .min(1)
        .optional()
        .describe('Schedules (--rules): a built-in name ("xuchang-2022") or a path relative to the case file ("../schedules/x.json"); default the built-in one'),
    })
    .optional(),
  expect: expectation.describe('What the settlement must give, or the refusal it must end in'),
}).meta({ id: 'case' });

export type CsvText = string | string[] | { file: string };
export type FactorExpectation = string | { amount?: string; cancelled?: 'target' | 'province' | null; value?: string; baseline?: string; gap?: string };
export type UnitExpectation = Partial<Record<(typeof FACTOR_IDS)[number], FactorExpectation>> & { deductions?: string; rewards?: string; net?: string };
export type MonthExpectation = z.infer<typeof monthExpectation>;
export type CaseSpec = z.infer<typeof caseSchema>;

/** One case of a file: where it is (its index in a list, null for a file of one case) and what it says. */
export interface CaseEntry {
  file: string;
  index: number | null;
  spec: CaseSpec;
}

/** A file of one case or of a list of them. */
export const caseFileSchema = z.union([caseSchema, z.array(caseSchema).min(1)]);

/** The CSV text of a table given inline, as one string or as its lines. */
export function csvOf(text: string | string[]): string {
  return typeof text === 'string' ? text : `${text.join('\n')}\n`;
}

/** The Chinese of each rule text of the schema, by its English text (zod hands on the English one). */
const RULES_ZH: Record<string, string> = {
  [DECIMAL_RULE]: '写成字符串的十进制数，如 "139.5"、"-20" 或 "0"（JSON 数字是二进制浮点数，不予接受）',
  'a month YYYY-MM, e.g. "2022-10"': '月份 YYYY-MM，如 "2022-10"',
  'CSV text, not empty': 'CSV 文本，不能为空',
  'the lines of a CSV table, the header first': 'CSV 表的各行，表头在前',
  'CSV text: one string, a list of its lines (the header first), or {"file": "PATH"} naming a CSV file beside the case file': 'CSV 文本：一个字符串、各行组成的列表（表头在前），或 {"file": "路径"} 指向案例文件旁的 CSV 文件',
  'the factor\'s amount as a decimal string ("20"), or an object of any of amount, cancelled, value, baseline, gap': '因子金额，写成十进制字符串（"20"），或含 amount、cancelled、value、baseline、gap 中任意几项的对象',
  'at least one figure of the unit: a factor (pm25, pm25Rate, pm10, pm10Rate, goodDays), deductions, rewards or net': '单位至少要有一项数值：一个因子（pm25、pm25Rate、pm10、pm10Rate、goodDays）、deductions、rewards 或 net',
  'at least one expected figure: units, totals or provincePayout (a case that expects nothing would pass whatever the settlement gave)': '至少要有一项期望数值：units、totals 或 provincePayout（什么都不期望的案例，无论核算结果如何都会通过）',
  'the exit code of a refusal: 2 (bad input; nothing settled)': '拒绝时的退出码：2（输入有误，未核算）',
  'a fault code, e.g. "E-GROUP-INCOMPLETE"': '问题代码，如 "E-GROUP-INCOMPLETE"',
  'at least one fault code': '至少一个问题代码',
  'at least one month, e.g. {"2022-10": {"totals": {"surplus": "146"}}}': '至少一个月份，如 {"2022-10": {"totals": {"surplus": "146"}}}',
  'exactly one of "months" (the figures a settlement must give) or "refusal" (the faults it must be refused with)': '"months"（核算应得出的数值）与 "refusal"（应被拒绝的问题）二者必须恰好给出一个',
  'text: a string, or a list of lines': '文本：一个字符串，或各行组成的列表',
  'a short name of the case': '案例的简短名称',
  'at least one clause, e.g. "第四条（一）1"': '至少一个条款，如 "第四条（一）1"',
};

/** A rule's text in Chinese; zod's own texts (a wrong type, an unknown option) keep their English inside. */
function ruleZh(message: string): string {
  return RULES_ZH[message] ?? zodTextZh(message);
}

function describeIssue(issue: z.core.$ZodIssue): { message: string; zh: string } {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`);
    return {
      message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${keys.join(', ')} (a typo? unknown keys are refused so that no expectation is silently ignored)`,
      zh: `无法识别的键 ${keys.join('、')}（拼写错误？为免有期望被悄悄忽略，不认识的键一律拒绝）`,
    };
  }
  // zod leaves the input out of its issues; its own text says what it received ("received number": not missing).
  if (issue.code === 'invalid_type' && issue.input === undefined && !/received (?!undefined)\w+$/.test(issue.message)) {
    const rule = issue.message.replace(/^Invalid input: /, '');
    return { message: `missing: ${rule}`, zh: `缺少此项：${RULES_ZH[rule] ?? zodTextZh(rule).replace(/，实际为未给出$/, '')}` };
  }
  return { message: issue.message, zh: ruleZh(issue.message) };
}

/** The cases of parsed JSON, each fault with its key path ("[2].expect.months.2022-10.units.魏都区.pm25"). */
export function parseCases(json: unknown, file: string): CaseEntry[] {
  const list = Array.isArray(json);
  const items: unknown[] = list ? json : [json];
  if (list && items.length === 0) throw new ProblemsError([{ file, code: 'E-CASE', field: '(top level)', message: 'an empty list: a case file holds one case (an object) or a list of cases', zh: '空列表：案例文件应包含一个案例（对象）或案例列表' }]);
  const problems: Problem[] = [];
  const entries: CaseEntry[] = [];
  items.forEach((item, i) => {
    const result = caseSchema.safeParse(item);
    if (result.success) entries.push({ file, index: list ? i : null, spec: result.data });
    else
      for (const issue of result.error.issues) {
        const path = list ? [i, ...issue.path] : issue.path;
        problems.push({ file, code: 'E-CASE', field: keyPath(path) || '(top level)', ...describeIssue(issue) });
      }
  });
  if (problems.length > 0) throw new ProblemsError(problems);
  return entries;
}

/** A case file's text to its cases; a syntax error names its line and column, a key given twice both places. */
export function parseCaseText(text: string, file: string): CaseEntry[] {
  const { value: parsed, duplicates } = readStrictJson(text, file, 'E-CASE');
  try {
    const cases = parseCases(parsed, file);
    if (duplicates.length === 0) return cases;
  } catch (e) {
    if (e instanceof ProblemsError) throw new ProblemsError([...duplicates, ...e.problems]);
    throw e;
  }
  throw new ProblemsError(duplicates);
}
