/**
 * A batch job in Node using ecocomp as a library: settle a month from its data file, refuse to go on if anything
 * is wrong (every fault with its place), and archive the settlement as JSON next to a one-line summary per unit.
 * Run by test/app/example.test.ts on the sample month; type-checked against the public API like any user's code.
 */
import { EcocompError, outputText, render, settle, type Problem } from 'ecocomp';

export interface UnitLine {
  month: string;
  unit: string;
  net: string;
}

export async function monthlyJob(dataFile: string, payoutMonths: readonly string[] = []): Promise<{ lines: UnitLine[]; json: string; faults: Problem[] }> {
  try {
    const result = await settle({ data: [dataFile], provincePayout: payoutMonths });
    const lines: UnitLine[] = [];
    for (const month of result.eachMonth()) {
      for (const c of month.counties) lines.push({ month: month.month, unit: c.unit.name, net: c.net.toFixed() });
    }
    return { lines, json: outputText(await render(result, 'json')), faults: [] };
  } catch (e) {
    if (e instanceof EcocompError) return { lines: [], json: '', faults: [...e.problems] };
    throw e;
  }
}
