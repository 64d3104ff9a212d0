import { CsvError, parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { MemberErrors } from '../member.errors';

/**
 * Reading what Chinese offices upload: CSV in UTF-8 (with or without BOM), GBK (Excel's
 * "CSV" on a Chinese Windows), UTF-16 ("Unicode text"), or XLSX. The result is a table of
 * strings: one header row, then the data rows. Broken files are refused with the line.
 */
export const MAX_IMPORT_ROWS = 200_000;

/** What a file is, from its first bytes. */
export function sniff(buf: Buffer): 'xlsx' | 'xls' | 'text' | 'binary' {
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) return 'xlsx';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'xls';
  const head = buf.subarray(0, 8192);
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16 && head.includes(0)) return 'binary';
  return 'text';
}

/** Decode text bytes: BOMs first, then strict UTF-8, else GB18030 (a superset of GBK / GB2312). */
export function decodeText(buf: Buffer): { text: string; encoding: string } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf16le'), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf16-be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'gb18030'), encoding: 'gbk' };
  }
}

/** The delimiter the header line uses most (comma, tab or semicolon), outside quotes. */
export function detectDelimiter(text: string): string {
  const nl = text.search(/\r?\n/);
  const line = nl < 0 ? text : text.slice(0, nl);
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  const [best, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return n > 0 ? best : ',';
}

const CSV_REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '引号未闭合 / a quote is not closed',
  CSV_INVALID_CLOSING_QUOTE: '引号后有多余字符 / characters after a closing quote',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: '引号后有多余字符 / characters after a closing quote',
};

export function parseCsv(text: string): string[][] {
  try {
    return parse(text, { delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch (err) {
    throw malformed(err);
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return String(v);
}

export async function parseXlsx(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw MemberErrors.IMPORT_FILE_TYPE();
  }
  const sheet = wb.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) throw MemberErrors.IMPORT_FILE_EMPTY();
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[];
    const out: string[] = [];
    for (let i = 1; i < values.length; i++) out.push(cellText(values[i]));
    if (out.some((c) => c.trim())) rows.push(out);
  });
  return rows;
}

/** Header names made unique ("电话", "电话 (2)") and trimmed, so mappings can name them. */
export function uniqueHeaders(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    const base = h.replace(/^\ufeff/, '').trim() || `#${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** Data rows handed out per batch while a file is read. */
export const IMPORT_BATCH_ROWS = 1000;

/**
 * A file opened for reading: its header and its data rows in batches, parsed as they are
 * consumed (a CSV is never held as one array of rows: 100,000 rows of cells would cost ~40 MB).
 * Iterate `batches` once.
 */
export interface OpenTable {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  headers: string[];
  batches: AsyncGenerator<string[][]>;
}

function malformed(err: unknown, lineOffset = 0): unknown {
  if (err instanceof CsvError) {
    const line = ((err as CsvError & { lines?: number }).lines ?? 0) + lineOffset;
    return MemberErrors.IMPORT_FILE_MALFORMED({ params: { line, reason: CSV_REASONS[err.code] ?? err.code }, details: { line, code: err.code } });
  }
  return err;
}

function countOf(text: string, ch: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf(ch, from); i >= 0 && i < to; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/** Characters of CSV text parsed at a time (about a thousand rows of a member list). */
const PIECE_CHARS = 1 << 16;

/**
 * A CSV text's records, a piece at a time: each piece ends at a line break outside quotes (an
 * even number of `"` before it: an escaped quote counts twice), so it parses on its own, and
 * only one piece's rows exist at once. A parse error names the line in the whole file.
 */
function* csvPieces(text: string): Generator<string[][]> {
  const delimiter = detectDelimiter(text);
  let lineOffset = 0;
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + PIECE_CHARS);
    let quotes = countOf(text, '"', start, end);
    for (let from = end - 1; end < text.length; from = end) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) {
        end = text.length;
        break;
      }
      quotes += countOf(text, '"', end, nl + 1);
      end = nl + 1;
      if (quotes % 2 === 0) break;
    }
    const piece = text.slice(start, end);
    let rows: string[][];
    try {
      rows = parse(piece, { delimiter, relax_column_count: true, skip_empty_lines: true, bom: start === 0 }) as string[][];
    } catch (err) {
      throw malformed(err, lineOffset);
    }
    yield rows;
    lineOffset += countOf(piece, '\n', 0, piece.length);
    start = end;
  }
}

/** Rows in batches of IMPORT_BATCH_ROWS, at most MAX_IMPORT_ROWS of them. */
async function* batched(chunks: Iterable<string[][]>): AsyncGenerator<string[][]> {
  let batch: string[][] = [];
  let count = 0;
  for (const rows of chunks) {
    count += rows.length;
    if (count > MAX_IMPORT_ROWS) throw MemberErrors.IMPORT_TOO_MANY_ROWS({ params: { max: MAX_IMPORT_ROWS } });
    for (const row of rows) {
      batch.push(row);
      if (batch.length >= IMPORT_BATCH_ROWS) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

/** Open a file (format and encoding sniffed) for reading its rows in batches. */
export async function openTable(buf: Buffer): Promise<OpenTable> {
  const kind = sniff(buf);
  if (kind === 'xls' || kind === 'binary') throw MemberErrors.IMPORT_FILE_TYPE();
  if (kind === 'xlsx') {
    // ExcelJS reads a workbook whole; XLSX files are smaller per row than their CSV.
    const all = await parseXlsx(buf);
    if (all.length < 1) throw MemberErrors.IMPORT_FILE_EMPTY();
    return { format: 'xlsx', encoding: null, headers: uniqueHeaders(all[0]), batches: batched([all.slice(1)]) };
  }
  const decoded = decodeText(buf);
  const pieces = csvPieces(decoded.text);
  // The header: the first piece's first record (skip_empty_lines: no piece is all empty rows
  // unless the text is).
  let first = pieces.next();
  while (!first.done && first.value.length === 0) first = pieces.next();
  if (first.done) throw MemberErrors.IMPORT_FILE_EMPTY();
  const [header, ...rest] = first.value;
  function* all(): Generator<string[][]> {
    yield rest;
    for (let r = pieces.next(); !r.done; r = pieces.next()) yield r.value;
  }
  return { format: 'csv', encoding: decoded.encoding, headers: uniqueHeaders(header), batches: batched(all()) };
}

/** Read a whole file once: its header, row count and first rows (the upload's check). */
export async function scanTable(buf: Buffer, sampleSize = 5): Promise<Omit<OpenTable, 'batches'> & { rowCount: number; sampleRows: string[][] }> {
  const t = await openTable(buf);
  let rowCount = 0;
  const sampleRows: string[][] = [];
  for await (const batch of t.batches) {
    for (const row of batch) if (sampleRows.length < sampleSize) sampleRows.push(row);
    rowCount += batch.length;
  }
  if (rowCount === 0) throw MemberErrors.IMPORT_FILE_EMPTY();
  return { format: t.format, encoding: t.encoding, headers: t.headers, rowCount, sampleRows };
}
