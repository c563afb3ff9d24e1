// A checked-in generated file: `write` regenerates it, `check` exits 1 when the file differs (CI drift check).
import { readFileSync, writeFileSync } from 'node:fs';

export async function writeOrCheck(file: string, generate: () => Promise<string>, name: string, fixCommand: string): Promise<void> {
  const text = await generate();
  if (process.argv[2] === 'write') {
    writeFileSync(file, text);
    console.log(`wrote ${file}`);
    return;
  }
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // missing counts as drift
  }
  if (current !== text) {
    console.error(`${name} drift: ${file} differs from the code; run '${fixCommand}' and commit it`);
    process.exit(1);
  }
  console.log(`${name}: ${file} is up to date`);
}
