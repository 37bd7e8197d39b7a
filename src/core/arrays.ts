/**
 * Appends every item of `items` to `target`. `target.push(...items)` passes each item as an argument and
 * overflows the stack past about 100,000 items: a scheme of thousands of units over years has more rows than that.
 */
export function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** The largest of `numbers` (and `floor`), without passing them all as arguments as Math.max(...numbers) does. */
export function maxOf(numbers: Iterable<number>, floor = -Infinity): number {
  let max = floor;
  for (const n of numbers) if (n > max) max = n;
  return max;
}
