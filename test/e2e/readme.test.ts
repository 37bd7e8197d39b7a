/** The README's examples are real output: if the table or a message changes, the README must change too. */
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

const README = readFileSync('README.md', 'utf8');

function example(command: string): string {
  const start = README.indexOf(`$ ${command}\n`);
  if (start < 0) throw new Error(`README has no example of: ${command}`);
  const body = README.slice(start + command.length + 3);
  return body.slice(0, body.indexOf('\n```'));
}

it('shows the real table of the sample settlement', async () => {
  const r = await runCli(['settle', 'fixtures/sample-2022-10-synthetic.csv']);
  expect(example('ecocomp settle fixtures/sample-2022-10-synthetic.csv')).toBe(r.stdout.trimEnd());
});

it('shows the real compact table of an 80-column terminal', async () => {
  const r = await runCli(['settle', 'fixtures/sample-2022-10-synthetic.csv'], { isTTY: true, columns: 80, env: { NO_COLOR: '1' } });
  expect(example('ecocomp settle fixtures/sample-2022-10-synthetic.csv    # on a terminal 80 columns wide')).toBe(r.stdout.trimEnd());
});

it('shows real fault messages', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecocomp-readme-'));
  const text = readFileSync('fixtures/sample-2022-10-synthetic.csv', 'utf8')
    .replace('2022-10,建安区,49', '2022-10,建安区,4x9')
    .replace('2022-10,东城区,46,80,51,86,19', '2022-10,东城区,46,80,51,86,32');
  writeFileSync(join(dir, 'data.csv'), text);
  // As a user runs it: Chinese, with no ECOCOMP_LANG in the environment.
  const zh = await runCli(['settle', 'data.csv'], { cwd: dir, env: { ECOCOMP_LANG: '' } });
  expect(example('ecocomp settle data.csv')).toBe(zh.stderr.trimEnd());
  const en = await runCli(['settle', 'data.csv', '--lang', 'en'], { cwd: dir });
  expect(example('ecocomp settle data.csv --lang en')).toBe(en.stderr.trimEnd());
  const json = await runCli(['settle', 'data.csv', '--errors', 'json'], { cwd: dir, env: { ECOCOMP_LANG: '' } });
  expect(example('ecocomp settle data.csv --errors json')).toBe(json.stderr.trimEnd());
});

it('shows a real explanation', async () => {
  const r = await runCli(['explain', 'fixtures/sample-2022-10-synthetic.csv', '--county', '魏都区', '--factor', 'pm25Rate']);
  expect(example('ecocomp explain fixtures/sample-2022-10-synthetic.csv --county 魏都区 --factor pm25Rate')).toBe(r.stdout.trimEnd());
});

it('shows the real coverage table of rules --by-article', async () => {
  const r = await runCli(['rules', '--by-article']);
  expect(example('ecocomp rules --by-article')).toBe(r.stdout.trimEnd());
});

it('shows real lines of the compact rules table on an 80-column terminal', async () => {
  const r = await runCli(['rules', '--no-color'], { isTTY: true, env: { COLUMNS: '80' } });
  const start = README.indexOf('因子与阶梯（扣款、补偿分列）\n');
  const block = README.slice(start, README.indexOf('\n```', start));
  const [first, gates] = block.split('\n…\n') as [string, string];
  expect(r.stdout).toContain(`${first}\n`);
  expect(r.stdout).toContain(`${gates}\n`);
});

it('shows a fixture schedule as it is', () => {
  expect(README).toContain(`\`\`\`json\n${readFileSync('fixtures/schedules/deductions-only.json', 'utf8')}\`\`\``);
});

it('answers the questions of "Questions you can ask" as shown', async () => {
  const compare = await runCli(['compare', 'fixtures/sample-2022-10-synthetic.csv', '--reform', 'fixtures/schedules/xuchang-2022-half-up.json']);
  expect(example('ecocomp compare fixtures/sample-2022-10-synthetic.csv --reform fixtures/schedules/xuchang-2022-half-up.json')).toBe(compare.stdout.trimEnd());
  const whatif = await runCli(['whatif', 'fixtures/sample-2022-10-synthetic.csv', '--set', '2022-10:禹州市:pm25=40']);
  expect(example('ecocomp whatif fixtures/sample-2022-10-synthetic.csv --set 2022-10:禹州市:pm25=40')).toBe(whatif.stdout.trimEnd());
  const target = await runCli(['target', 'fixtures/sample-2022-10-synthetic.csv', '--month', '2022-10', '--county', '长葛市']);
  const shown = example('ecocomp target fixtures/sample-2022-10-synthetic.csv --month 2022-10 --county 长葛市').replace(/\n…$/, '');
  expect(target.stdout.startsWith(`${shown}\n`)).toBe(true);
});

it('shows a real failing case, from the case file it shows', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecocomp-readme-'));
  const from = README.indexOf('here `cases/2022-10.json` beside `cases/2022-10.csv`:');
  const start = README.indexOf('```json\n', from) + '```json\n'.length;
  mkdirSync(join(dir, 'cases'));
  writeFileSync(join(dir, 'cases', '2022-10.json'), README.slice(start, README.indexOf('\n```', start)));
  writeFileSync(join(dir, 'cases', '2022-10.csv'), readFileSync('fixtures/sample-2022-10-synthetic.csv'));
  const r = await runCli(['test', 'cases'], { cwd: dir });
  expect(r.code).toBe(1);
  expect(example('ecocomp test cases')).toBe(r.stdout.trimEnd());
});

it('shows the real run of the cases in fixtures/cases', async () => {
  const r = await runCli(['test', 'fixtures/cases']);
  expect(r.code).toBe(0);
  expect(example('ecocomp test fixtures/cases')).toBe(r.stdout.trimEnd());
});
