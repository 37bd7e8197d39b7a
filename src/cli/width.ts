import type { CliIo } from './io.js';

/**
 * The width the table is laid out for: the terminal's, when the table goes to one; none (the full layout) for a
 * file, a pipe or `--wide`, since a program or a spreadsheet reads those, not a person at a narrow window.
 */
export function tableColumns(io: CliIo, opts: { output?: string; wide?: boolean }): { columns?: number } {
  const columns = io.stdout.columns;
  if (opts.wide || opts.output !== undefined || io.stdout.isTTY !== true || columns === undefined || columns <= 0) return {};
  return { columns };
}
