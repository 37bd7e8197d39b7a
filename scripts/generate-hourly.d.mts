export interface GenerateOptions {
  from?: string;
  to?: string;
  stations?: number;
  seed?: number;
  units?: number;
}
/** Chunks of CSV text: the header, then the rows of each hour. */
export function generateHourly(options?: GenerateOptions): Generator<string>;
