/**
 * xlsx as input (issue 12): a worksheet is read into the rows of cell text the CSV reader produces, so every table
 * reader validates it as it validates CSV. Workbooks are built here with exceljs, as Excel or WPS would save them.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openWorkbooks, readData, type NamedBytes } from '../../src/input/load.js';
import { formatProblem, placeOf, type Problem } from '../../src/core/problems.js';
import { builtinSchedule } from '../../src/schedule/load.js';
import { cellText, dateCellText, numberCellText } from '../../src/input/workbook.js';

const schedules = [builtinSchedule()];
const HEADER = ['month', 'county', 'pm25', 'pm10', 'pm25_last_year', 'pm10_last_year', 'good_days'];
const OCTOBER = new Date(Date.UTC(2022, 9, 1));

type Fill = (ws: ExcelJS.Worksheet) => void;

/** A workbook of the given worksheets, as bytes. */
async function workbook(sheets: Record<string, Fill>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, fill] of Object.entries(sheets)) fill(wb.addWorksheet(name));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A table of monthly data: the header in row `at`, one row for 魏都区. */
const table = (cells: ExcelJS.CellValue[], at = 1): Fill => (ws) => {
  ws.getRow(at).values = HEADER;
  ws.getRow(at + 1).values = cells;
};

async function read(bytes: Uint8Array, sheet?: string, name = 'data.xlsx') {
  const problems: Problem[] = [];
  const data: NamedBytes[] = await openWorkbooks([{ name, bytes }], sheet, problems);
  const r = readData({ data }, schedules);
  return { rows: r.rows, problems: [...problems, ...r.problems].map(formatProblem) };
}

describe('a worksheet read as rows of cell text', () => {
  it('reads numbers exactly as typed: a cell holding 45.3 is 45.3', async () => {
    const { rows, problems } = await read(await workbook({ Sheet1: table([OCTOBER, '魏都区', 45.3, 78.1, 52.7, 85, 20]) }));
    expect(problems).toEqual([]);
    expect([rows[0]!.month, rows[0]!.unitId, rows[0]!.pm25!.toString(), rows[0]!.pm10!.toString(), rows[0]!.pm25LastYear!.toString()]).toEqual(['2022-10', 'weidu', '45.3', '78.1', '52.7']);
    expect([rows[0]!.file, rows[0]!.line]).toEqual(['data.xlsx!Sheet1', 2]);
  });

  it('finds the header below a merged title row and a blank row', async () => {
    const bytes = await workbook({
      Sheet1: (ws) => {
        ws.mergeCells('A1:G1');
        ws.getCell('A1').value = '许昌市2022年10月各县（市、区）环境空气质量';
        table([OCTOBER, '魏都区', 45, 78, 52, 85, 20], 3)(ws);
      },
    });
    const { rows, problems } = await read(bytes);
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.unitId, r.line])).toEqual([['weidu', 4]]);
  });

  it('reads date cells and text months alike; another day of the month is a fault at its cell', async () => {
    const bytes = await workbook({
      Sheet1: (ws) => {
        ws.getRow(1).values = HEADER;
        ws.getRow(2).values = [OCTOBER, '魏都区', 45, 78, 52, 85, 20];
        ws.getRow(3).values = ['2022/10/1', '建安区', 49, 84, 50, 88, 17];
        ws.getRow(4).values = [202210, '东城区', 46, 80, 51, 86, 19];
        ws.getRow(5).values = [new Date(Date.UTC(2022, 9, 15)), '禹州市', 46, 80, 51, 86, 19];
      },
    });
    const { rows, problems } = await read(bytes);
    expect(rows.map((r) => `${r.month} ${r.unitId}`)).toEqual(['2022-10 weidu', '2022-10 jian-an', '2022-10 dongcheng']);
    expect(problems).toEqual(['data.xlsx!Sheet1!A5: month: expected a month: "2022-10-15" is day 15 of 2022-10, not a month: a month is written 2022-10, or as its first day (2022-10-01)']);
  });

  it('reads a formula by its cached value; one without a cached value is refused with its place', async () => {
    const bytes = await workbook({
      Sheet1: (ws) => {
        table([OCTOBER, '魏都区', { formula: '40+5', result: 45 }, 78, 52, 85, 20])(ws);
        ws.getRow(3).values = [OCTOBER, '建安区', 49, { formula: 'D2+6' }, 50, 88, 17];
      },
    });
    expect((await read(bytes)).problems).toEqual([
      'data.xlsx!Sheet1!D3: holds the formula =D2+6 without its computed value: open the workbook in Excel (or WPS) and save it, so that the computed value is stored with the formula, or enter the value itself',
    ]);
  });

  it('refuses a computed number Excel shows rounded (45.2+0.1), rather than read it as either value', async () => {
    const { problems } = await read(await workbook({ Sheet1: table([OCTOBER, '魏都区', 45.2 + 0.1, 78, 52, 85, 20]) }));
    expect(problems).toEqual([
      'data.xlsx!Sheet1!C2: holds 45.300000000000004, a computed value with more digits than Excel keeps, which Excel shows as 45.3: round it in the sheet (=ROUND(…, 1)) or enter the value itself',
    ]);
  });

  it('places a cell the table reader refuses as Excel names it: file.xlsx!Sheet1!F2', async () => {
    const { problems } = await read(await workbook({ Sheet1: table([OCTOBER, '魏都区', 45, 78, 52, 'abc', 20]) }));
    expect(problems).toEqual([expect.stringMatching(/^data\.xlsx!Sheet1!F2: pm10_last_year: expected last year's .*got "abc": "a" \(U\+0061\) is not a digit$/)]);
  });

  it('reads the first worksheet, or the one --sheet names; an unknown one is refused with the worksheets listed', async () => {
    const bytes = await workbook({
      说明: (ws) => void (ws.getCell('A1').value = '本表为月度数据'),
      数据: table([OCTOBER, '魏都区', 45, 78, 52, 85, 20]),
    });
    const first = await read(bytes);
    expect(first.problems).toContain('data.xlsx!说明: the first worksheet was read; the workbook also has "数据": name the one that holds the table with --sheet NAME');
    expect((await read(bytes, '数据')).rows.map((r) => r.unitId)).toEqual(['weidu']);
    expect((await read(bytes, '输入')).problems).toEqual(['data.xlsx: has no worksheet "输入" (--sheet); its worksheets are "说明", "数据"']);
  });

  it('refuses a ZIP archive that is not a workbook', async () => {
    const { problems } = await read(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(problems).toEqual([expect.stringMatching(/^data\.xlsx: is a ZIP archive but not a readable xlsx workbook/)]);
  });
});

describe('cell text', () => {
  it.each([
    [45.3, '45.3'],
    [0.1, '0.1'],
    [78, '78'],
    [-0, '0'],
    [-2.5, '-2.5'],
    [1e-7, '0.0000001'],
    [1e21, '1000000000000000000000'],
    [123456789012345, '123456789012345'],
  ])('the number %s is %s', (n, text) => {
    expect(numberCellText(n)).toBe(text);
  });

  it.each([0.1 + 0.2, 1 / 3, 45.2 + 0.1])('%s has more digits than Excel keeps: refused', (n) => {
    expect(numberCellText(n)).toMatchObject({ fault: expect.stringContaining('more digits than Excel keeps'), zh: expect.stringContaining('位数超过 Excel 保留的 15 位') });
  });

  it('a date is its day, with its time of day when it has one', () => {
    expect(dateCellText(OCTOBER)).toBe('2022-10-01');
    expect(dateCellText(new Date(Date.UTC(2023, 0, 1, 13)))).toBe('2023-01-01 13:00');
    // A serial time a millisecond short of the hour is the hour.
    expect(dateCellText(new Date(Date.UTC(2023, 0, 1, 12, 59, 59, 999)))).toBe('2023-01-01 13:00');
    expect(dateCellText(new Date(Date.UTC(2023, 0, 1, 13, 0, 30)))).toBe('2023-01-01 13:00:30');
  });

  it('text, rich text, a hyperlink, a boolean and an error', () => {
    expect(cellText('魏都区')).toBe('魏都区');
    expect(cellText({ richText: [{ text: '魏都' }, { text: '区' }] })).toBe('魏都区');
    expect(cellText({ text: '魏都区', hyperlink: 'https://example.org' })).toBe('魏都区');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText({ error: '#DIV/0!' })).toEqual({ fault: 'holds the error #DIV/0!: the spreadsheet could not compute this cell', zh: '单元格为错误值 #DIV/0!：表格未能算出此单元格' });
  });

  it('places in a worksheet as Excel names cells and rows', () => {
    expect(placeOf({ file: 'data.xlsx!Sheet1', line: 7, column: 6 })).toBe('data.xlsx!Sheet1!F7');
    expect(placeOf({ file: 'data.xlsx!Sheet1', line: 7, column: 28 })).toBe('data.xlsx!Sheet1!AB7');
    expect(placeOf({ file: 'data.xlsx!Sheet1', line: 7 })).toBe('data.xlsx!Sheet1!7:7');
    expect(placeOf({ file: 'data.csv', line: 7, column: 6 })).toBe('data.csv:7:6');
  });
});
