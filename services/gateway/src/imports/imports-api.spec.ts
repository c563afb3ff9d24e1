import { records } from './imports-api.service';

async function* chunks(...parts: (string | Buffer)[]) {
  for (const part of parts) yield part;
}

const all = async (body: AsyncIterable<string | Buffer>, csv: boolean) => {
  const out: { text: string; startLine: number; endLine: number }[] = [];
  for await (const record of records(body, csv)) out.push(record);
  return out;
};

describe('import upload: records of a streamed body', () => {
  it('splits NDJSON into numbered lines across chunk boundaries, multi-byte characters split included', async () => {
    const text = Buffer.from('{"a":"长沙"}\r\n\n{"b":2}');
    const cut = text.indexOf(Buffer.from('沙')) + 1; // inside the 3-byte character
    expect(await all(chunks(text.subarray(0, cut), text.subarray(cut)), false)).toEqual([
      { text: '{"a":"长沙"}', startLine: 1, endLine: 1 },
      { text: '', startLine: 2, endLine: 2 },
      { text: '{"b":2}', startLine: 3, endLine: 3 },
    ]);
  });

  it('keeps a quoted CSV field with line breaks in one record spanning its lines', async () => {
    expect(await all(chunks('h1,h2\na,"x\n', 'y"\nb,c\n'), true)).toEqual([
      { text: 'h1,h2', startLine: 1, endLine: 1 },
      { text: 'a,"x\ny"', startLine: 2, endLine: 3 },
      { text: 'b,c', startLine: 4, endLine: 4 },
    ]);
  });
});
