/** The report of `ecocomp test` in words: each failing value on one line, city and whole-case figures named as such. */
import { describe, expect, it } from 'vitest';
import { renderCasesText, type CasesRun } from '../../src/output/cases.js';

const run: CasesRun = {
  passed: 1,
  failed: 1,
  cases: [
    { file: 'a.json', index: null, name: '示例', clauses: ['第四条'], passed: true, checked: 1, mismatches: [] },
    {
      file: 'b.json',
      index: 2,
      name: 'payout',
      clauses: ['第五条', '第八条'],
      passed: false,
      checked: 4,
      mismatches: [
        { month: '2022-10', unit: null, field: 'provincePayout', expected: 'true', got: 'false', clause: null },
        { month: '2022-10', unit: '魏都区', field: 'pm25.cancelled', expected: 'province', got: 'null', clause: '第四条（一）2' },
        { month: '2022-10', unit: null, field: 'surplus', expected: '903', got: '146', clause: null },
        { month: null, unit: null, field: 'refusal', expected: 'exit 2: E-PAYOUT-MONTH', got: 'settled (exit 0)', clause: null },
      ],
    },
  ],
};

describe('the report of ecocomp test', () => {
  it('in Chinese: the city named for its figures, the field with its meaning, both values and the clause', () => {
    expect(renderCasesText(run)).toBe(
      [
        '✓ 通过  a.json  示例  (1 项)',
        '✗ 未通过  b.json[2]  payout  (4 项)',
        '    条款：第五条、第八条',
        '    2022-10 · 全市 · provincePayout 省级支偿月：期望 true，实际 false',
        '    2022-10 · 魏都区 · pm25.cancelled 取消奖励：期望 province，实际 null  [第四条（一）2]',
        '    2022-10 · 全市 · surplus 结余（入专项资金）：期望 903，实际 146',
        '    refusal 拒绝：期望 拒绝（退出码 2）：E-PAYOUT-MONTH，实际 正常结算（退出码 0）',
        '',
        '2 个案例：1 个通过，1 个未通过',
        '',
      ].join('\n'),
    );
  });

  it('in English', () => {
    const text = renderCasesText(run, 'en');
    expect(text).toContain('✓ PASS  a.json  示例  (1 value)\n✗ FAIL  b.json[2]  payout  (4 values)\n    clauses: 第五条、第八条\n');
    expect(text).toContain('    2022-10 · city · surplus surplus (to the special fund): expected 903, got 146\n');
    expect(text).toContain('\n2 cases: 1 passed, 1 failed\n');
  });
});
