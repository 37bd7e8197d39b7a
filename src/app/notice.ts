/**
 * The publication details of a notice and its letters (第七条), from options and an optional settings file: an
 * option given on the command line wins over the same key in the file. Faults are added to the run's problems, so
 * that a bad date is reported with every other fault, before anything is settled.
 */
import { ProblemsError, type Problem } from '../core/problems.js';
import { decodeText } from '../input/decode.js';
import { dayFaultTexts, parseNoticeSettings, type NoticeSettings } from '../input/notice-settings.js';
import type { NoticeDetails } from '../output/notice.js';
import { TooLarge, fsFault, nodeReader, type FileInput, type Reader } from './files.js';

export type { NoticeDetails };

export interface NoticeOptions {
  /** A JSON file with any of issuer, date, docNo, title, appendix. */
  settings?: FileInput;
  issuer?: string;
  /** YYYY-MM-DD, a real calendar day. */
  date?: string;
  docNo?: string;
  title?: string;
  appendix?: boolean;
}

/** A settings file is a few lines; anything larger is not one. */
const MAX_SETTINGS_BYTES = 64 * 1024;

function readSettings(input: FileInput, reader: Reader, problems: Problem[]): NoticeSettings {
  const name = typeof input === 'string' ? input : input.name;
  try {
    const bytes = typeof input === 'string' ? reader.readFile(input, MAX_SETTINGS_BYTES) : input.bytes;
    return parseNoticeSettings(decodeText(bytes, name).text, name);
  } catch (e) {
    if (e instanceof ProblemsError) problems.push(...e.problems);
    else if (e instanceof TooLarge) problems.push({ file: name, code: 'E-FILE', message: `is larger than ${MAX_SETTINGS_BYTES / 1024} KiB: a notice settings file holds five keys`, zh: `超过 ${MAX_SETTINGS_BYTES / 1024} KiB：通报设置文件只有五个键` });
    else if ((e as { code?: string }).code !== undefined) problems.push({ file: name, code: 'E-FILE', ...fsFault(e) });
    else throw e;
    return {};
  }
}

const OPTION_NAMES = { issuer: '--issuer', docNo: '--doc-no', title: '--title' } as const;

/**
 * The details to print: the file's, then the options over them. Faults go to `problems` when it is given (the
 * command line reports them with the other inputs'); without it they are thrown together (ProblemsError).
 */
export function noticeDetails(opts: NoticeOptions, reader: Reader = nodeReader, given?: Problem[]): NoticeDetails {
  const problems = given ?? [];
  const details = collectDetails(opts, reader, problems);
  if (!given && problems.length > 0) throw new ProblemsError(problems);
  return details;
}

function collectDetails(opts: NoticeOptions, reader: Reader, problems: Problem[]): NoticeDetails {
  const fromFile = opts.settings !== undefined ? readSettings(opts.settings, reader, problems) : {};
  const details: NoticeDetails = { ...fromFile };
  for (const key of ['issuer', 'docNo', 'title'] as const) {
    const given = opts[key]?.trim();
    if (given === undefined) continue;
    if (given === '') problems.push({ file: OPTION_NAMES[key], code: 'E-NOTICE', message: 'may not be empty (leave the option out to show a 草稿 placeholder)', zh: '不能为空（不给出此选项时，通报中显示“草稿”占位）' });
    else details[key] = given;
  }
  if (opts.date !== undefined) {
    const fault = dayFaultTexts(opts.date);
    if (fault) problems.push({ file: '--date', code: 'E-NOTICE', ...fault });
    else details.date = opts.date;
  }
  if (opts.appendix !== undefined) details.appendix = opts.appendix;
  return details;
}
