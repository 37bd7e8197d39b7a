/** `factors[2].bands[1].rate` from a path of keys and indices (zod's, or a scanner's). */
export function keyPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '');
}
