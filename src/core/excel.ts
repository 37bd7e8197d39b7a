/**
 * exceljs, loaded on demand, with the zip timestamps fixed: exceljs zips with JSZip, which stamps each entry
 * with the current time unless told otherwise, and the same settlement must give a byte-identical workbook.
 */
export async function loadExcel(): Promise<typeof import('exceljs')> {
  // Both are CommonJS: under Node's ESM loader their exports arrive as `default`.
  const mod = await import('exceljs');
  const zip = await import('jszip');
  const JSZip = ((zip as unknown as { default?: typeof zip }).default ?? zip) as unknown as { defaults: { date: Date | null } };
  JSZip.defaults.date = new Date(Date.UTC(2000, 0, 1));
  return (mod as unknown as { default?: typeof mod }).default ?? mod;
}

