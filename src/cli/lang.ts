/**
 * The language of messages and help, and their form: Chinese by default (the users read Chinese), English with
 * `--lang en` (any command) or `ECOCOMP_LANG=en`; `--errors json` writes faults, warnings and notes to standard error
 * as JSON lines for batch scripts, matched by their stable codes in either language.
 */
import type { MessageLang } from '../core/problems.js';

export interface MessageStyle {
  lang: MessageLang;
  json: boolean;
}

/** The value of an option in argv, as `--name value` or `--name=value`; the last one given counts. */
function optionValue(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  argv.forEach((a, i) => {
    if (a === name && i + 1 < argv.length) value = argv[i + 1];
    else if (a.startsWith(`${name}=`)) value = a.slice(name.length + 1);
  });
  return value;
}

/** The language the user asked for: --lang, else ECOCOMP_LANG, else Chinese. Read before commander parses, so that its own errors are in it too. */
export function messageStyle(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): MessageStyle {
  const asked = optionValue(argv, '--lang') ?? env.ECOCOMP_LANG;
  return { lang: asked?.toLowerCase().startsWith('en') ? 'en' : 'zh', json: optionValue(argv, '--errors') === 'json' };
}

/** The default of a command's --lang: ECOCOMP_LANG where it says English, else Chinese. */
export function defaultLang(env: Readonly<Record<string, string | undefined>>): MessageLang {
  return env.ECOCOMP_LANG?.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/** The --lang option of a command that has no text of its own in two languages: its messages and help. */
export const MESSAGES_LANG = 'language of messages and help: zh (Chinese, the default) or en; ECOCOMP_LANG=en sets English for every command';
