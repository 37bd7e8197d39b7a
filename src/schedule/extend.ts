/**
 * `extends`: a schedule file that names another (a built-in schedule by id, or a file by a path relative to its own)
 * and gives only what differs. The merge (docs/decisions.md 43):
 * - an object merges key by key into the base's object, recursively; a key the base lacks is added;
 * - a `ref` is replaced as a whole (a reference is one citation, not fields to mix);
 * - a list whose items all have an `id` (units, groups, factors, gates) merges by id: each item given patches the
 *   base's item of that id, in the base's order; an id the base does not have is refused with its key path;
 * - any other list (bands, aliases, members) replaces the base's list;
 * - `{ "$replace": X }` puts X in place of the base's value, whatever it is: the way to add or remove units, factors
 *   or gates, or to write a whole reference or scale anew;
 * - null is a value (effectiveUntil: null, reward: null for "no rewards"), not a deletion.
 * The result must be a complete schedule, validated as any other.
 */

export interface MergeFault {
  path: (string | number)[];
  message: string;
  zh: string;
}

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function replacement(v: Json): { value: Json } | undefined {
  return isObject(v) && Object.keys(v).length === 1 && '$replace' in v ? { value: v.$replace } : undefined;
}

function idOf(v: Json): string | undefined {
  return isObject(v) && typeof v.id === 'string' ? v.id : undefined;
}

function mergeById(base: Json[], overlay: Json[], path: (string | number)[], faults: MergeFault[]): Json[] {
  const merged = [...base];
  const ids = base.map(idOf);
  overlay.forEach((item, i) => {
    const at = ids.indexOf(idOf(item));
    if (at < 0) {
      faults.push({
        path: [...path, i, 'id'],
        message: `"${idOf(item)}" is not the id of any item of the base's ${String(path[path.length - 1] ?? 'list')} (${ids.join(', ')}); a list given by id patches the base's items: to add or remove items give the whole list as { "$replace": [...] }`,
        zh: `被继承的规则的 ${String(path[path.length - 1] ?? 'list')} 中没有编号为 "${idOf(item)}" 的项（现有：${ids.join('、')}）；按编号给出的列表只修改同编号的项，要增删项请以 { "$replace": [...] } 给出整个列表`,
      });
    } else merged[at] = mergeValue(base[at], item, [...path, i], faults);
  });
  return merged;
}

/** `overlay` merged onto `base` (see the module comment); faults collects ids the base does not have. */
export function mergeValue(base: Json, overlay: Json, path: (string | number)[], faults: MergeFault[]): Json {
  const replaced = replacement(overlay);
  if (replaced) return replaced.value;
  if (isObject(base) && isObject(overlay)) {
    const merged: Record<string, Json> = { ...base };
    for (const [key, value] of Object.entries(overlay)) {
      merged[key] = key === 'ref' || !(key in base) ? stripReplace(value) : mergeValue(base[key], value, [...path, key], faults);
    }
    return merged;
  }
  const byId = Array.isArray(base) && Array.isArray(overlay) && overlay.length > 0 && base.every((b) => idOf(b) !== undefined) && overlay.every((o) => idOf(o) !== undefined);
  if (byId) return mergeById(base as Json[], overlay as Json[], path, faults);
  return stripReplace(overlay);
}

/** A value taken as it is, with any `{ "$replace": X }` in it read as X. */
function stripReplace(v: Json): Json {
  const replaced = replacement(v);
  if (replaced) return stripReplace(replaced.value);
  if (Array.isArray(v)) return v.map(stripReplace);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, stripReplace(x)]));
  return v;
}
