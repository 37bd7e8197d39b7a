import { Chalk } from 'chalk';
import { NO_PAINT, type Paint } from '../output/text.js';
import type { CliIo } from './io.js';

/**
 * Colour is decided once: an explicit --color/--no-color, then NO_COLOR, then FORCE_COLOR, then
 * "standard output is a terminal and TERM is not dumb". (chalk alone ignores NO_COLOR on a terminal.)
 */
export function useColour(io: CliIo, flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.stdout.isTTY === true && io.env.TERM !== 'dumb';
}

export function paintFor(colour: boolean): Paint {
  if (!colour) return NO_PAINT;
  const c = new Chalk({ level: 1 });
  return { deduction: (s) => c.red(s), reward: (s) => c.green(s), muted: (s) => c.dim(s), strong: (s) => c.bold(s) };
}
