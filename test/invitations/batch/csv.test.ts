import { decodeCsvBytes, detectDelimiter, parseInvitationCsv, toCsv } from '../../../src/invitations/batch/csv';
import { InputError } from '../../../src/errors/input-error';

const rejection = async (text: string) => {
  try {
    await parseInvitationCsv(text, 'csv_text');
  } catch (err) {
    return err as InputError;
  }
  throw new Error('expected an InputError');
};

describe('detectDelimiter', () => {
  it.each([
    ['consumer_email,consumer_name,reference_number', ','],
    ['consumer_email;consumer_name;reference_number', ';'],
    ['consumer_email\tconsumer_name\treference_number', '\t'],
    ['\uFEFFconsumer_email;consumer_name;reference_number\na,b;c;d', ';'],
    ['"email, primary";name;reference', ';'], // a comma inside quotes does not count
  ])('reads %j as %j', (text, delimiter) => expect(detectDelimiter(text)).toBe(delimiter));
});

describe('parseInvitationCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', async () => {
    const csv = [
      'consumer_email,consumer_name,reference_number,product_skus,tags,locale',
      'jane@example.com,"Doe, Jane",ORD-1,"TENT-2P,STOVE-X1",vip,en-GB',
      'john@example.com,"John ""JJ"" Smith",ORD-2,,,',
      'ana@example.com,"Ana',
      'García",ORD-3,,,',
    ].join('\r\n');
    const parsed = await parseInvitationCsv(csv, 'csv_text');
    expect(parsed.delimiter).toBe(',');
    expect(parsed.rows).toEqual([
      { row: 1, values: { consumer_email: 'jane@example.com', consumer_name: 'Doe, Jane', reference_number: 'ORD-1', product_skus: 'TENT-2P,STOVE-X1', tags: 'vip', locale: 'en-GB' } },
      { row: 2, values: { consumer_email: 'john@example.com', consumer_name: 'John "JJ" Smith', reference_number: 'ORD-2' } },
      { row: 3, values: { consumer_email: 'ana@example.com', consumer_name: 'Ana\r\nGarcía', reference_number: 'ORD-3' } },
    ]);
  });

  it('reads European Excel: BOM, semicolons, unquoted commas inside cells, empty ;;; lines', async () => {
    const csv = '\uFEFFE-Mail;Customer Name;Reference;SKUs;Notes\r\njane@example.com;Jane Doe;ORD-1;TENT-2P,STOVE-X1;call back\r\n;;;;\r\n\r\njohn@example.com;John;ORD-2;;\r\n';
    const parsed = await parseInvitationCsv(csv, 'csv_text');
    expect(parsed.delimiter).toBe(';');
    expect(parsed.ignoredColumns).toEqual(['Notes']);
    expect(parsed.rows).toEqual([
      { row: 1, values: { consumer_email: 'jane@example.com', consumer_name: 'Jane Doe', reference_number: 'ORD-1', product_skus: 'TENT-2P,STOVE-X1' } },
      { row: 2, values: { consumer_email: 'john@example.com', consumer_name: 'John', reference_number: 'ORD-2' } },
    ]);
  });

  it('flags a row with more values than columns instead of shifting its fields', async () => {
    const parsed = await parseInvitationCsv('consumer_email,consumer_name,reference_number\njane@example.com,Doe, Jane,ORD-1', 'csv_text');
    expect(parsed.rows[0]!.problem).toMatch(/has 4 values but the header has 3 columns/);
  });

  it('names the missing columns and the columns it found', async () => {
    const err = await rejection('email;name\njane@example.com;Jane');
    expect(err).toBeInstanceOf(InputError);
    expect(err.field).toBe('csv_text');
    expect(err.message).toMatch(/missing the column reference_number/);
    expect(err.message).toContain('"email", "name"');
  });

  it('refuses two columns for the same field', async () => {
    expect((await rejection('email,consumer_email,name,reference\na,b,c,d')).message).toMatch(/two columns for consumer_email/);
  });

  it('explains an unclosed quote', async () => {
    expect((await rejection('consumer_email,consumer_name,reference_number\n"jane@example.com,Jane,ORD-1')).message).toMatch(/^csv_text: could not be read as CSV/);
  });

  it('explains an empty text', async () => {
    expect((await rejection('\uFEFF\r\n')).message).toMatch(/csv_text: is empty/);
  });
});

describe('decodeCsvBytes', () => {
  it('reads UTF-8 with a BOM, UTF-16 from Excel, and Windows-1252', () => {
    expect(decodeCsvBytes(Buffer.from('\uFEFFname\nJosé', 'utf8'))).toBe('name\nJosé'); // the BOM is consumed
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name\nJosé', 'utf16le')]))).toBe('name\nJosé');
    expect(decodeCsvBytes(Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x20, 0x80]))).toBe('José €');
  });
});

describe('toCsv', () => {
  it('quotes only the cells that need it, and reads back to the same values', async () => {
    const text = toCsv(
      ['consumer_email', 'consumer_name', 'reference_number', 'product_skus', 'tags', 'locale'],
      [['jane@example.com', 'Doe, "JJ" Jane', 'ORD-1', 'A,B', '', 'en-GB']],
    );
    expect(text).toBe('consumer_email,consumer_name,reference_number,product_skus,tags,locale\njane@example.com,"Doe, ""JJ"" Jane",ORD-1,"A,B",,en-GB');
    const parsed = await parseInvitationCsv(text, 'csv_text');
    expect(parsed.rows[0]!.values).toEqual({ consumer_email: 'jane@example.com', consumer_name: 'Doe, "JJ" Jane', reference_number: 'ORD-1', product_skus: 'A,B', locale: 'en-GB' });
  });

  it.each([
    ['=cmd|\' /C calc\'!A0', "'=cmd|' /C calc'!A0"],
    ['+SUM(1,2)', `"'+SUM(1,2)"`],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['\tTAB', "'\tTAB"],
    ['\rCR', `"'\rCR"`],
  ])('neutralises a cell a spreadsheet would run as a formula (%j) with a leading quote', async (cell, written) => {
    const text = toCsv(['consumer_email', 'consumer_name', 'reference_number'], [['jane@example.com', cell, 'ORD-1']]);
    expect(text.split('\n')[1]).toBe(`jane@example.com,${written},ORD-1`);
    // Reading Not Reached CSV back gives the original value (the quote is only for spreadsheets).
    const parsed = await parseInvitationCsv(text, 'csv_text');
    expect(parsed.rows[0]!.values.consumer_name).toBe(cell);
  });

  it('leaves ordinary values alone, including a hyphen or at-sign inside the text', () => {
    expect(toCsv(['a', 'b'], [['Jean-Luc', 'jl@example.com']])).toBe('a,b\nJean-Luc,jl@example.com');
  });
});
