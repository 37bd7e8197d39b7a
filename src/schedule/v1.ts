/**
 * Files of the first schedule format (v1) are read by converting them, once validated with their own key paths, to
 * the current format (docs/decisions.md 44). Nothing of a v1 file changes a figure in the conversion:
 * - the one band list and minimum gap of a factor become its deduction scale and its reward scale (the same bands),
 *   each cited by `clauses.deduction` / `clauses.reward`; `direction` "deductions" drops the reward scale, "rewards"
 *   the deduction scale;
 * - `provinceGate` "cancel-rewards" becomes the first gate (covering every factor), the factors' `targetGate`s the
 *   second, so the province's verdict is still named first when both apply;
 * - a free-text reference becomes a structured one: its citation ("第四条（一）1", "D2", "第九条, D11") read into
 *   article, item, clause and decision, its gloss kept as the note (the whole text when the citation is not one
 *   clean citation, so that nothing of it is lost).
 */
import { SCHEDULE_FORMAT } from './format.js';
import type { Reference } from './reference.js';

type Json = Record<string, unknown>;

const NUMERALS = '一二三四五六七八九';

/** 四 → 4, 十 → 10, 十二 → 12, 二十一 → 21. */
function fromChinese(text: string): number {
  const at = text.indexOf('十');
  if (at < 0) return NUMERALS.indexOf(text) + 1;
  const tens = at === 0 ? 1 : NUMERALS.indexOf(text.slice(0, at)) + 1;
  const units = text.slice(at + 1);
  return tens * 10 + (units === '' ? 0 : NUMERALS.indexOf(units) + 1);
}

const ONE_CITATION = /^(?:第([一二三四五六七八九十]+)条(?:（([一二三四五六七八九十]+)）)?(\d+)?)?(?:(?:, |^)D(\d+))?$/;

/** A v1 reference text as a structured reference. */
export function referenceFromText(text: string): Reference {
  const split = text.indexOf(': ');
  const citation = split < 0 ? text : text.slice(0, split);
  const gloss = split < 0 ? undefined : text.slice(split + 2);
  const clean = ONE_CITATION.exec(citation);
  if (clean && citation !== '') return structured(clean, gloss);
  // "第四条（一）1、2" (both clauses) names no one clause: the scale it is read into gives its own (scaleOf).
  const article = /第([一二三四五六七八九十]+)条(?:（([一二三四五六七八九十]+)）)?(\d+(?!、))?/.exec(citation);
  const decision = /\bD(\d+)\b/.exec(citation);
  return {
    ...(article ? { article: fromChinese(article[1]!), ...(article[2] ? { item: fromChinese(article[2]) } : {}), ...(article[3] ? { clause: Number(article[3]) } : {}) } : {}),
    ...(decision ? { decision: Number(decision[1]) } : {}),
    note: text,
  };
}

function structured(m: RegExpExecArray, note: string | undefined): Reference {
  const [, article, item, clause, decision] = m;
  return {
    ...(article ? { article: fromChinese(article) } : {}),
    ...(item ? { item: fromChinese(item) } : {}),
    ...(clause ? { clause: Number(clause) } : {}),
    ...(decision ? { decision: Number(decision) } : {}),
    ...(note ? { note } : {}),
  };
}

/** Every `ref` of a v1 value, recursively, as a structured reference. */
function refsConverted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(refsConverted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'ref' && typeof v === 'string' ? referenceFromText(v) : refsConverted(v)]));
}

function factorV2(f: Json): Json {
  const clauses = f.clauses as { factor: string; deduction: string; reward: string };
  const direction = (f.direction as { value: string }).value;
  const scale = (clause: string) => {
    const converted = refsConverted({ minimumGap: f.minimumGap, bands: f.bands, ref: clause }) as { bands: { ref: Reference }[]; ref: Reference };
    // A band cited for both clauses of its item (第四条（一）1、2) is, in a scale, cited by that scale's clause.
    for (const b of converted.bands) if (b.ref.clause === undefined && b.ref.article === converted.ref.article && b.ref.item === converted.ref.item && converted.ref.clause !== undefined) b.ref = { ...b.ref, clause: converted.ref.clause };
    return converted;
  };
  return {
    id: f.id,
    name: f.name,
    gapUnit: f.gapUnit,
    ref: referenceFromText(clauses.factor),
    deduction: direction === 'rewards' ? null : scale(clauses.deduction),
    reward: direction === 'deductions' ? null : scale(clauses.reward),
  };
}

function gatesV2(raw: Json): Json[] {
  const factors = raw.factors as Json[];
  const gates: Json[] = [];
  const province = raw.provinceGate as { value: string; ref: string };
  if (province.value === 'cancel-rewards') {
    gates.push({ id: 'province', condition: 'province-payout', cancels: 'rewards', factors: factors.map((f) => f.id), ref: referenceFromText(province.ref) });
  }
  const gated = factors.filter((f) => (f.targetGate as { indicator: string | null }).indicator !== null);
  if (gated.length > 0) {
    const targets = Object.fromEntries(gated.map((f) => [f.id, (f.targetGate as { indicator: string }).indicator]));
    gates.push({ id: 'target', condition: 'target-missed', cancels: 'rewards', targets, ref: referenceFromText((gated[0]!.targetGate as { ref: string }).ref) });
  }
  return gates;
}

/** A validated v1 schedule's JSON as the JSON of the same schedule in the current format. */
export function convertV1(raw: Json): Json {
  const { factors, provinceGate: _province, ...rest } = raw;
  const converted = refsConverted(rest) as Json;
  return {
    ...(raw.$schema !== undefined ? { $schema: raw.$schema } : {}),
    format: SCHEDULE_FORMAT,
    ...converted,
    factors: (factors as Json[]).map(factorV2),
    gates: gatesV2(raw),
  };
}

/**
 * A key path of the converted schedule as the key path of the v1 file it came from, for faults found only after
 * conversion (bands that do not ascend): `factors[0].deduction.bands[1].upTo` → `factors[0].bands[1].upTo`.
 */
export function v1Path(path: (string | number)[]): (string | number)[] {
  const at = path.findIndex((k, i) => (k === 'deduction' || k === 'reward') && path[i - 2] === 'factors');
  return at < 0 ? path : [...path.slice(0, at), ...path.slice(at + 1)];
}
