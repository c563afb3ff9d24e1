import { Writable } from 'node:stream';
import { createLogger, scrubIdNumbers } from './logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, destination };
}

describe('logging never carries ID numbers', () => {
  const id = '11010519491231002X'; // GB 11643 example

  it('masks ID numbers inside free text', () => {
    expect(scrubIdNumbers(`subject ${id} checked`)).toBe('subject 110105********002X checked');
  });

  it('leaves 18-character codes that are not ID numbers alone (a USCC)', () => {
    expect(scrubIdNumbers('91350100M000100Y43')).toBe('91350100M000100Y43');
  });

  it('masks messages, nested fields and removes idNumber fields', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'info', service: 'test', destination });
    log.info({ subject: { idNumber: id, note: `named ${id}` }, list: [id] }, `checked ${id}`);
    const output = lines.join('');
    expect(output).not.toContain(id);
    const entry = JSON.parse(lines[0]);
    expect(entry.subject.idNumber).toBe('[redacted]');
    expect(entry.subject.note).toBe('named 110105********002X');
    expect(entry.list).toEqual(['110105********002X']);
    expect(entry.msg).toBe('checked 110105********002X');
  });
});
