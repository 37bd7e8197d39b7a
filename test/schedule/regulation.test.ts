/** The regulation's articles and clauses as data, and what in a schedule and the code implements each (rules --by-article). */
import { describe, expect, it } from 'vitest';
import { builtinSchedule } from '../../src/schedule/load.js';
import { REGULATION_2022, coverage } from '../../src/schedule/regulation.js';
import { renderCoverageTable } from '../../src/output/rules.js';
import { fixtureSchedule } from '../helpers/schedules.js';

const plainPaint = { strong: (s: string) => s, muted: (s: string) => s } as never;

describe('the articles of 许政办〔2022〕39号', () => {
  it('lists 第一条 to 第九条 in order, with the items of 第四条 and their clauses', () => {
    expect(coverage(builtinSchedule()).map((c) => c.citation)).toEqual([
      '第一条', '第二条', '第三条', '第四条',
      '第四条（一）', '第四条（一）1', '第四条（一）2', '第四条（二）', '第四条（二）1', '第四条（二）2',
      '第四条（三）', '第四条（三）1', '第四条（三）2', '第四条（四）', '第四条（四）1', '第四条（四）2', '第四条（五）',
      '第五条', '第六条', '第七条', '第八条', '第九条',
    ]);
  });

  it('under the built-in schedule every provision is implemented or says why nothing is computed', () => {
    const c = coverage(builtinSchedule());
    expect(c.filter((x) => x.uncovered)).toEqual([]);
    expect(c.filter((x) => x.notComputed && x.values.length === 0 && x.code.length === 0).map((x) => x.citation)).toEqual(['第一条', '第二条', '第六条']);
  });

  it('names the schedule values that cite a clause by their key paths', () => {
    const byCitation = Object.fromEntries(coverage(builtinSchedule()).map((x) => [x.citation, x]));
    expect(byCitation['第四条（一）2']!.values.map((v) => v.path)).toEqual(['factors[0].reward.bands[0]', 'factors[0].reward.bands[1]', 'factors[0].reward']);
    expect(byCitation['第五条']!.values.map((v) => v.path)).toEqual(['gates[0]', 'gates[1]']);
    expect(byCitation['第五条']!.code).toEqual(['engine/gates.ts: 依规则所列顺序适用各关卡']);
  });

  it('shows a clause with nothing behind it: a deductions-only schedule implements no reward clause', () => {
    const uncovered = coverage(fixtureSchedule('deductions-only')).filter((x) => x.uncovered).map((x) => x.citation);
    expect(uncovered).toEqual(['第四条（一）2', '第四条（二）2', '第四条（三）2', '第四条（四）2']);
    const table = renderCoverageTable([fixtureSchedule('deductions-only')], plainPaint);
    expect(table).toMatch(/ {4}第四条（一）2 +✗ PM2\.5 低于基数：补偿阶梯 +无（未覆盖）\n/);
  });

  it('shows an article with no value, no code and no reason as uncovered', () => {
    const provisions = [...REGULATION_2022, { article: 10, summary: '一条新规定' }];
    const tenth = coverage(builtinSchedule(), provisions).at(-1)!;
    expect([tenth.citation, tenth.uncovered]).toEqual(['第十条', true]);
  });

  it('every article number and item exists in the regulation as numbered', () => {
    for (const p of REGULATION_2022) {
      expect(p.article).toBeGreaterThanOrEqual(1);
      expect(p.article).toBeLessThanOrEqual(9);
      if (p.item !== undefined) expect(p.article).toBe(4);
    }
  });
});
