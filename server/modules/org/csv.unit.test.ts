import { describe, expect, it } from 'vitest';
import { decodeUtf8, parseCsv, CsvSyntaxError } from './csv.ts';

describe('parseCsv', () => {
  it('reads plain, quoted and multi-line cells with their starting lines', () => {
    const records = parseCsv('name,note\r\n"Li, Wei","said ""hi"""\n"two\nlines",x\n\nlast,');
    expect(records).toEqual([
      { line: 1, cells: ['name', 'note'] },
      { line: 2, cells: ['Li, Wei', 'said "hi"'] },
      { line: 3, cells: ['two\nlines', 'x'] },
      { line: 6, cells: ['last', ''] },
    ]);
  });

  it('refuses an unclosed quote', () => {
    expect(() => parseCsv('a,"b\nc')).toThrow(CsvSyntaxError);
  });
});

describe('decodeUtf8', () => {
  it('accepts UTF-8 with or without a BOM and refuses GBK bytes', () => {
    expect(decodeUtf8(Buffer.from('\uFEFF姓名,部门', 'utf8'))).toBe('姓名,部门');
    expect(decodeUtf8(Buffer.from('姓名', 'utf8'))).toBe('姓名');
    expect(decodeUtf8(Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]))).toBeNull(); // 姓名 in GBK
  });
});
