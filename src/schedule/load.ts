import type * as z from 'zod';
import { zhCN } from 'zod/locales';
import { ProblemsError, type Problem } from '../core/problems.js';
import { scheduleConsistency, type ScheduleIssue } from './consistency.js';
import { scheduleSchema, type Schedule } from './format.js';
import { scheduleSchemaV1 } from './format-v1.js';
import { mergeValue, type MergeFault } from './extend.js';
import { readStrictJson } from '../core/strict-json.js';
import { keyPath } from '../core/key-path.js';
import { convertV1, v1Path } from './v1.js';
import { EMBEDDED_BUILTIN_SCHEDULE } from './embedded.js';
import { fromValidatedText } from './validated-text.js';
import builtinXuchang2022 from './xuchang-2022.json' with { type: 'json' };

export { keyPath };

export const BUILTIN_SCHEDULE_ID = 'xuchang-2022';
/** The schedules built into ecocomp, by id: `--rules xuchang-2022` names one. */
export const BUILTIN_SCHEDULE_IDS: readonly string[] = [BUILTIN_SCHEDULE_ID];

/**
 * Reads the file an `extends` names by a path (relative to the file that names it): the schedule layer does no I/O,
 * so whoever reads files passes this. Returns the file's text and the name to report it by.
 */
export type ScheduleFileReader = (path: string, from: string) => { text: string; file: string };

export interface ParseOptions {
  /** Needed only for a schedule that extends a file; a built-in base needs none. */
  readFile?: ScheduleFileReader;
}

/** zod's issues with their key paths (never a symbol in a schedule's JSON). */
function issuesOf(error: z.ZodError): ScheduleIssue[] {
  return error.issues.map((issue) => {
    const zh = describeIssueZh(issue);
    return { path: issue.path.map((k) => (typeof k === 'number' ? k : String(k))), message: describeIssue(issue), ...(zh ? { zh } : {}) };
  });
}

/** The same in Chinese: our own rules give theirs in params.zh; zod's own issues are worded by its zh-CN locale. */
function describeIssueZh(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'unrecognized_keys') return `未知的键 ${issue.keys.map((k) => `"${k}"`).join('、')}（是否拼写有误？未知的键一律拒绝，以免某项设置被悄悄忽略）`;
  if (issue.code === 'custom') {
    const zh = (issue as { params?: { zh?: unknown } }).params?.zh;
    return typeof zh === 'string' ? zh : undefined;
  }
  if (issue.code === 'invalid_type') {
    // The issue keeps no input for the locale to name; the English message says what was received.
    const received = /received (\w+)$/.exec(issue.message)?.[1];
    return `无效输入：应为 ${TYPE_ZH[issue.expected] ?? issue.expected}${received ? `，实际为 ${TYPE_ZH[received] ?? received}` : ''}`;
  }
  const worded = zhLocale.localeError(issue as never);
  return typeof worded === 'string' ? worded : worded?.message;
}

const zhLocale = zhCN();
const TYPE_ZH: Readonly<Record<string, string>> = { string: '文本', number: '数字', boolean: '布尔值', object: '对象', array: '数组', undefined: '缺失', null: 'null' };

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (a typo? unknown keys are refused so that no setting is silently ignored)`;
  return issue.message;
}

function refuse(file: string, issues: readonly ScheduleIssue[]): never {
  const problems: Problem[] = issues.map((issue) => ({ file, code: 'E-SCHEDULE', field: keyPath(issue.path) || '(top level)', message: issue.message, ...(issue.zh ? { zh: issue.zh } : {}) }));
  throw new ProblemsError(problems);
}

/** Validates JSON as a schedule of the current format; the rules across fields are checked once every field has its type. */
function validateV2(json: unknown, file: string, pathOf: (p: (string | number)[]) => (string | number)[] = (p) => p): Schedule {
  const result = scheduleSchema.safeParse(json);
  const issues = result.success ? scheduleConsistency(result.data) : issuesOf(result.error);
  if (result.success && issues.length === 0) return result.data;
  // A v1 fault found after conversion appears once per scale the band list became: report it once.
  const mapped = issues.map((i) => ({ ...i, path: pathOf(i.path) }));
  return refuse(file, mapped.filter((i, n) => mapped.findIndex((j) => keyPath(j.path) === keyPath(i.path) && j.message === i.message) === n));
}

/** A v1 file: validated with its own key paths, then converted (schedule/v1.ts). */
function fromV1(json: Record<string, unknown>, file: string): { raw: Record<string, unknown>; schedule: Schedule } {
  const result = scheduleSchemaV1.safeParse(json);
  if (!result.success) refuse(file, issuesOf(result.error));
  const raw = convertV1(json);
  return { raw, schedule: validateV2(raw, file, v1Path) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A name in `extends` is a file when it looks like a path (a slash, or *.json), else a built-in schedule's id. */
function isPath(name: string): boolean {
  return /[\\/]/.test(name) || /\.json$/i.test(name);
}

/**
 * A file of the first format: no "format" key, and the first format's shape (a band list on a factor, or a
 * provinceGate). A file with neither is read as the current format, so that a forgotten "format" is named as such.
 */
function isFirstFormat(json: Record<string, unknown>): boolean {
  if ('format' in json) return false;
  const factors = Array.isArray(json.factors) ? (json.factors as unknown[]) : [];
  return 'provinceGate' in json || factors.some((f) => isObject(f) && 'bands' in f);
}

interface Resolved {
  raw: Record<string, unknown>;
  schedule: Schedule;
}

function baseOf(name: unknown, file: string, options: ParseOptions, chain: readonly string[]): Resolved {
  const fault = (message: string, zh: string): never => refuse(file, [{ path: ['extends'], message, zh }]);
  if (typeof name !== 'string' || name.trim() === '') return fault('the schedule this one extends: a built-in schedule\'s id (e.g. "xuchang-2022") or a path relative to this file (e.g. "./base.json")', '所继承的规则：内置规则的编号（如 "xuchang-2022"）或相对本文件的路径（如 "./base.json"）');
  if (!isPath(name)) {
    if (!BUILTIN_SCHEDULE_IDS.includes(name)) return fault(`"${name}" is not a built-in schedule (built-in: ${BUILTIN_SCHEDULE_IDS.join(', ')}); name a file as a path, e.g. "./${name}.json"`, `"${name}" 不是内置规则（内置：${BUILTIN_SCHEDULE_IDS.join('、')}）；文件请写成路径，如 "./${name}.json"`);
    return { raw: builtinRaw(), schedule: builtinSchedule() };
  }
  if (!options.readFile) return fault(`"${name}" is a file; a schedule that extends a file is read from the file system (ecocomp --rules FILE), not from JSON alone`, `"${name}" 是文件；继承文件的规则须从文件读取（ecocomp --rules 文件），不能只给 JSON`);
  const { text, file: baseFile } = options.readFile(name, file);
  const cycle = [...chain, baseFile].join(' → ');
  if (chain.includes(baseFile)) return fault(`extends ${baseFile}, which extends this file in turn (${cycle}); a chain of extends must end in a schedule that extends none`, `继承 ${baseFile}，而它又反过来继承本文件（${cycle}）；继承链必须止于一个不再继承的规则`);
  return resolve(jsonOf(text, baseFile, options), baseFile, options, [...chain, baseFile]);
}

/** A schedule's JSON, with what it extends merged in and a v1 file converted, and its validated schedule. */
function resolve(json: unknown, file: string, options: ParseOptions, chain: readonly string[]): Resolved {
  if (!isObject(json) || !('extends' in json)) {
    if (isObject(json) && isFirstFormat(json)) return fromV1(json, file);
    return { raw: json as Record<string, unknown>, schedule: validateV2(json, file) };
  }
  const { extends: name, ...overlay } = json;
  const base = baseOf(name, file, options, chain);
  if (!('id' in overlay)) refuse(file, [{ path: ['id'], message: `a schedule that extends another gives its own id (the base is "${base.schedule.id}")`, zh: `继承其他规则的规则须给出自己的编号（被继承的是 "${base.schedule.id}"）` }]);
  const faults: MergeFault[] = [];
  const raw = mergeValue(base.raw, overlay, [], faults) as Record<string, unknown>;
  if (faults.length > 0) refuse(file, faults);
  return { raw, schedule: validateV2(raw, file) };
}

/**
 * Validates parsed JSON as a schedule; every fault is reported with its key path. A file of the first format (no
 * "format" key) is converted; a file with "extends" is merged onto its base (schedule/extend.ts) and then validated.
 */
export function parseSchedule(json: unknown, file: string, options: ParseOptions = {}): Schedule {
  return resolve(json, file, options, [file]).schedule;
}

let builtin: Schedule | undefined;

/** The built-in schedule's data as shipped (for its digest). */
export function builtinScheduleData(): unknown {
  return builtinXuchang2022;
}

function builtinRaw(): Record<string, unknown> {
  return structuredClone(builtinXuchang2022) as Record<string, unknown>;
}

/**
 * The built-in schedule for 许政办〔2022〕39号, validated like any other schedule file: by the build, which embeds the
 * result (embedded.ts), or here when running from the sources.
 */
export function builtinSchedule(): Schedule {
  builtin ??= EMBEDDED_BUILTIN_SCHEDULE === undefined ? parseSchedule(builtinRaw(), `built-in schedule ${BUILTIN_SCHEDULE_ID}`) : fromValidatedText(EMBEDDED_BUILTIN_SCHEDULE);
  return builtin;
}

/** JSON text to a value; a syntax error names its line and column, a key given twice in one object is refused. */
function jsonOf(text: string, file: string, options: ParseOptions = {}): unknown {
  const { value: parsed, duplicates } = readStrictJson(text, file, 'E-SCHEDULE');
  if (duplicates.length === 0) return parsed;
  try {
    parseSchedule(parsed, file, options);
  } catch (e) {
    if (e instanceof ProblemsError) throw new ProblemsError([...duplicates, ...e.problems]);
    throw e;
  }
  throw new ProblemsError(duplicates);
}

/** A schedule file's text (JSON) to a validated schedule; a syntax error names its line and column. */
export function parseScheduleText(text: string, file: string, options: ParseOptions = {}): Schedule {
  return parseSchedule(jsonOf(text, file, options), file, options);
}
