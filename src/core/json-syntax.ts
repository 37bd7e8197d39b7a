/**
 * Where JSON text first stops being JSON. JSON.parse says so by offset for some faults only (Node 20 quotes a
 * snippet for an unexpected token), so a file's syntax fault is located here to be named by line and column.
 */

const WS = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/y;

class Fault {
  constructor(readonly offset: number) {}
}

/** The offset of the first character that cannot continue JSON text (its length when the text ends too soon); null for valid JSON. */
export function jsonFaultOffset(text: string): number | null {
  let i = 0;
  const skip = () => {
    WS.lastIndex = i;
    WS.exec(text);
    i = WS.lastIndex;
  };
  const token = (re: RegExp) => {
    re.lastIndex = i;
    if (!re.exec(text)) throw new Fault(i);
    i = re.lastIndex;
  };
  const expect = (c: string) => {
    skip();
    if (text[i] !== c) throw new Fault(i);
    i++;
  };
  const list = (close: string, item: () => void) => {
    i++;
    skip();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      skip();
      if (text[i] === close) return void i++;
      expect(',');
    }
  };
  const value = (): void => {
    skip();
    const c = text[i];
    if (c === '{') return list('}', () => (skip(), token(STRING), expect(':'), value()));
    if (c === '[') return list(']', value);
    if (c === '"') return token(STRING);
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return void (i += word.length);
    token(NUMBER);
  };
  try {
    value();
    skip();
    return i < text.length ? i : null;
  } catch (e) {
    if (e instanceof Fault) return e.offset;
    throw e;
  }
}
