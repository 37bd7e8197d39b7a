/** The notice's publication details and the letters through the library, as a batch job would make them. */
import { describe, expect, it } from 'vitest';
import { EcocompError, noticeDetails, outputText, render, renderLetters, settle } from '../../src/app/index.js';
import { SPEC_EXAMPLE_AMOUNTS } from '../helpers/expected.js';

const SAMPLE = 'fixtures/sample-2022-10-synthetic.csv';

describe('noticeDetails', () => {
  it('takes the options and a settings file given as bytes; an option wins over the file', () => {
    const settings = { name: 'notice.json', bytes: new TextEncoder().encode('{ "issuer": "许昌市生态环境局", "docNo": "许环〔2022〕1号", "appendix": true }') };
    expect(noticeDetails({ settings, docNo: '许环〔2022〕88号', date: '2022-11-05' })).toEqual({ issuer: '许昌市生态环境局', docNo: '许环〔2022〕88号', date: '2022-11-05', appendix: true });
  });

  it('throws every fault together, as the other inputs do', () => {
    const settings = { name: 'notice.json', bytes: new TextEncoder().encode('{ "appendix": "yes" }') };
    try {
      noticeDetails({ settings, date: '2023-02-29', issuer: ' ' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EcocompError);
      expect((e as EcocompError).problems.map((p) => [p.file, p.field, p.message])).toEqual([
        ['notice.json', 'appendix', 'true or false'],
        ['--issuer', undefined, 'may not be empty (leave the option out to show a 草稿 placeholder)'],
        ['--date', undefined, '"2023-02-29" is not a day of the calendar'],
      ]);
    }
  });
});

describe('render with notice details, and renderLetters', () => {
  it('puts the details on the notice and makes a letter per unit whose net is the settlement’s', async () => {
    const result = await settle({ data: [SAMPLE], inMemory: true });
    const notice = { issuer: '许昌市生态环境局', docNo: '许环〔2022〕88号', date: '2022-11-05' };
    const md = outputText(await render(result, 'md', { notice }));
    expect(md.startsWith('**许昌市生态环境局**\n\n许环〔2022〕88号\n')).toBe(true);
    expect(md).toContain('2022年11月5日');
    const letters = await renderLetters(result, notice);
    expect(letters.map((l) => l.unitName).sort()).toEqual(Object.keys(SPEC_EXAMPLE_AMOUNTS).sort());
    for (const l of letters) {
      const net = SPEC_EXAMPLE_AMOUNTS[l.unitName]![5];
      expect(l.file).toBe(`2022-10-${l.unitName}.html`);
      expect(l.html).toContain(`净额 ${net.startsWith('-') || net === '0' ? net : `+${net}`} 万元。`);
    }
  });
});
