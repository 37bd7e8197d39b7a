#!/usr/bin/env node
// Synthetic hourly monitoring data for the nine units (a few stations each), with gaps, in the export
// format `ecocomp aggregate` reads. Deterministic: the same arguments give the same bytes.
//
//   node scripts/generate-hourly.mjs [--from 2022-01-01] [--to 2023-12-31] [--stations 3] [--seed 1] [--units N] > hourly.csv
//
// The values are made up (seasonal and daily cycles plus noise, and a trend of its own for each unit from year to
// year, so that improvement rates differ between units as they do in real data); gaps: ~2% of hours missing at random
// (written as empty or "—"), some whole station-days missing, and one unit with a ten-day outage of all its
// stations in 2023-02, so that its February fails the 25-day validity rule.
import { createWriteStream } from 'node:fs';
import { prng } from './prng.mjs';

const UNITS = ['魏都区', '建安区', '城乡一体化示范区', '经济技术开发区', '东城区', '禹州市', '长葛市', '鄢陵县', '襄城县'];

export function* generateHourly({ from = '2022-01-01', to = '2023-12-31', stations = 3, seed = 1, units = UNITS.length } = {}) {
  const random = prng(seed).next;
  const names = [];
  for (let u = 0; u < units; u++) {
    const unit = u < UNITS.length ? UNITS[u] : `单位${u + 1}`;
    // From 6 % dirtier to 14 % cleaner a year, a different pace for each unit.
    const yearlyChange = -0.06 + 0.2 * ((u * 5 + 3) % 9) / 8;
    for (let k = 1; k <= stations; k++) names.push({ unit, station: `${unit}${k}号站`, bias: 0.8 + 0.4 * ((u * 7 + k * 3) % 10) / 10, yearlyChange });
  }
  yield 'time,station,county,pm25,pm10,so2,no2,co,o3\n';
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T23:00:00Z`);
  const dropDay = new Set();
  for (let t = start; t <= end; t += 3600_000) {
    const d = new Date(t);
    const day = d.toISOString().slice(0, 10);
    const hour = d.getUTCHours();
    const doy = (t - Date.parse(`${day.slice(0, 4)}-01-01T00:00:00Z`)) / 86400_000;
    const winter = 0.5 + 0.5 * Math.cos((2 * Math.PI * doy) / 365);
    const sun = Math.max(0, Math.sin((Math.PI * (hour - 6)) / 14));
    const time = `${day} ${String(hour).padStart(2, '0')}:00`;
    let chunk = '';
    for (const s of names) {
      if (hour === 0 && random() < 0.01) dropDay.add(`${s.station}|${day}`);
      if (dropDay.has(`${s.station}|${day}`)) continue;
      if (s.unit === UNITS[2] && day >= '2023-02-05' && day <= '2023-02-14') continue; // an outage: February invalid
      const cell = (x, decimals = 0) => (random() < 0.02 ? (random() < 0.5 ? '' : '—') : x.toFixed(decimals));
      const trend = (1 - s.yearlyChange) ** ((t - start) / (365 * 86400_000));
      const pm25 = s.bias * trend * (25 + 75 * winter) * (0.6 + 0.8 * random());
      const pm10 = pm25 * (1.5 + 0.4 * random()) + 10 * random();
      const so2 = 5 + 10 * winter * random();
      const no2 = 20 + 30 * (1 - sun) * random() + 10 * winter;
      const co = 0.4 + 0.8 * winter * random();
      const o3 = 20 + 160 * sun * (1 - 0.6 * winter) * (0.7 + 0.6 * random());
      chunk += `${time},${s.station},${s.unit},${cell(pm25)},${cell(pm10)},${cell(so2)},${cell(no2)},${cell(co, 1)},${cell(o3)}\n`;
    }
    if (chunk) yield chunk;
  }
}

const USAGE = `Usage: node scripts/generate-hourly.mjs [options] > hourly.csv

Synthetic hourly station data for the nine units of Xuchang, in the export format \`ecocomp aggregate\` reads.
The values are made up; the same options give the same bytes.

Options:
  --from YYYY-MM-DD   first day (default 2022-01-01)
  --to YYYY-MM-DD     last day (default 2023-12-31)
  --stations N        stations per unit (default 3)
  --units N           units (default 9; beyond nine they are named 单位10, 单位11, …)
  --seed N            seed of the generator (default 1)
  --output FILE       write to FILE instead of standard output
  --help              this text
`;

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain && (process.argv.includes('--help') || process.argv.includes('-h'))) {
  process.stdout.write(USAGE);
} else if (isMain) {
  const known = new Set(['from', 'to', 'stations', 'seed', 'units', 'output']);
  const unknown = process.argv.slice(2).filter((a) => a.startsWith('--') && !known.has(a.slice(2)));
  if (unknown.length > 0) {
    process.stderr.write(`generate-hourly: unknown option ${unknown.join(', ')}\n\n${USAGE}`);
    process.exit(2);
  }
  const args = Object.fromEntries(
    process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
  );
  const opts = {
    ...(args.from ? { from: args.from } : {}),
    ...(args.to ? { to: args.to } : {}),
    ...(args.stations ? { stations: Number(args.stations) } : {}),
    ...(args.seed ? { seed: Number(args.seed) } : {}),
    ...(args.units ? { units: Number(args.units) } : {}),
  };
  const out = args.output ? createWriteStream(args.output) : process.stdout;
  process.stdout.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(0); // `… | head`: the reader has what it wants
    throw e;
  });
  for (const chunk of generateHourly(opts)) {
    if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  }
  if (args.output) out.end();
}
