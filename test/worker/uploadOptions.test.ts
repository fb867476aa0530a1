import { describe, expect, it } from 'vitest';
import { choicesFrom, csvOptions, imageOptions } from '../../src/worker/upload/options';
import { peekColumns } from '../../src/worker/upload/peek';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('preview choices and parser options', () => {
  it('turn into parser options and back', () => {
    const csv = {
      seed: 3,
      csv: {
        labelColumn: 'kind',
        delimiter: ';' as const,
        header: true,
        columns: { id: 'ignore' as const },
      },
    };
    expect(csvOptions(csv)).toEqual({
      seed: 3,
      labelColumn: 'kind',
      delimiter: ';',
      header: true,
      columns: { id: 'ignore' },
    });
    expect(choicesFrom('csv', csvOptions(csv))).toEqual(csv);
    const img = { seed: 2, image: { size: 16, color: 'rgb' as const } };
    expect(imageOptions(img)).toEqual({ seed: 2, height: 16, width: 16, color: 'rgb' });
    expect(choicesFrom('images', imageOptions(img))).toEqual(img);
  });

  it('leave out what the user did not choose, so the parser defaults apply', () => {
    expect(csvOptions({ csv: { columns: {} } })).toEqual({});
    expect(imageOptions({})).toEqual({});
  });
});

describe('peekColumns', () => {
  it('names the columns of a CSV that failed to parse', () => {
    expect(peekColumns(bytes('id;label;x\n1;a;2,5\n2;b;3,5\n'), 'a.csv', {})).toEqual([
      'id',
      'label',
      'x',
    ]);
    expect(peekColumns(bytes('1,2,3\n4,5,6\n'), 'b.csv', {})).toEqual([
      'column 1',
      'column 2',
      'column 3',
    ]);
  });

  it('gives nothing for what is not a table', () => {
    expect(peekColumns(bytes('just one column\nof text\n'), 'c.csv', {})).toBeNull();
    expect(peekColumns(new Uint8Array([0, 1, 2, 0]), 'd.csv', {})).toBeNull();
  });
});
