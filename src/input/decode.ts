import { ProblemsError } from '../core/problems.js';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

/**
 * Bytes to text. UTF-8 (with or without BOM) and GB18030 (what Excel on a Chinese Windows writes;
 * GBK is a subset) are accepted; detection is BOM, then strict UTF-8, then strict GB18030, and a
 * file that is neither is refused rather than decoded into the wrong characters.
 */
export function decodeText(bytes: Uint8Array, file: string): { text: string; encoding: Encoding } {
  const fail = (message: string, zh: string, line?: number): never => {
    throw new ProblemsError([{ file, ...(line !== undefined ? { line } : {}), code: 'E-ENCODING', message, zh }]);
  };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = tryDecode('utf-8', bytes.subarray(3));
    if (text === null) fail('starts with a UTF-8 byte-order mark but is not valid UTF-8', '以 UTF-8 字节顺序标记开头，但不是有效的 UTF-8 文本', lineOfFirstBadByte(bytes.subarray(3)));
    return { text: text!, encoding: 'utf-8-bom' };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    fail('is UTF-16 (Excel "Unicode Text"); save it as "CSV UTF-8" or "CSV" instead', '是 UTF-16 编码（Excel 的“Unicode 文本”）；请改存为“CSV UTF-8”或“CSV”');
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    fail('is a ZIP archive (an .xlsx workbook?), not CSV text; in Excel use "Save As" → "CSV UTF-8"', '是 ZIP 压缩文件（.xlsx 工作簿？），不是 CSV 文本；请在 Excel 中“另存为”→“CSV UTF-8”');
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) fail(`contains a NUL byte at offset ${nul}: a binary file, not CSV text`, `在偏移 ${nul} 处含有 NUL 字节：这是二进制文件，不是 CSV 文本`, lineAt(bytes, nul));
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const gb = tryDecode('gb18030', bytes);
  if (gb !== null) return { text: gb, encoding: 'gb18030' };
  return fail('is neither UTF-8 nor GB18030 text; save it as "CSV UTF-8"', '既不是 UTF-8 也不是 GB18030 文本；请存为“CSV UTF-8”', lineOfFirstBadByte(bytes));
}

function tryDecode(encoding: 'utf-8' | 'gb18030', bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * The line of the first byte that breaks UTF-8, for the message of an undecodable file. A structural
 * check (lead byte, continuation bytes) is enough to point at the line; the decoder decides validity.
 */
function lineOfFirstBadByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (extra < 0) break;
    let ok = true;
    for (let k = 1; k <= extra; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) ok = false;
    if (!ok) break;
    i += extra + 1;
  }
  return lineAt(bytes, Math.min(i, bytes.length));
}
