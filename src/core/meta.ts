/** What a rendered settlement was made from: so that a printed notice or an archived JSON can be matched to its data. */
export interface SourceDigest {
  /** The file as the user named it, "<stdin>", or "built-in xuchang-2022". */
  file: string;
  role: 'data' | 'targets' | 'province' | 'baselines' | 'schedule' | 'sheet';
  sha256: string;
}

export interface RenderMeta {
  sources: SourceDigest[];
  generator: string;
}
