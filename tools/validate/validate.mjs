// Validates AsyncAPI documents with the reference parser (@asyncapi/parser 3).
// Usage: node validate.mjs FILE...   Prints every diagnostic as FILE:LINE:COL: severity: message.
// Exit 0 when every file parses into a document with no error diagnostics, 1 otherwise,
// 2 on bad usage.
import { Parser, fromFile } from '@asyncapi/parser';

const SEVERITY = ['error', 'warning', 'info', 'hint'];

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate.mjs FILE...');
  process.exit(2);
}

const parser = new Parser();
let failed = 0;
for (const file of files) {
  let result;
  try {
    result = await fromFile(parser, file).parse();
  } catch (e) {
    console.log(`${file}: error: cannot parse: ${e.message}`);
    failed++;
    continue;
  }
  const { document, diagnostics } = result;
  let errors = 0;
  for (const d of diagnostics) {
    const severity = SEVERITY[d.severity] ?? String(d.severity);
    if (d.severity === 0) errors++;
    const start = d.range?.start;
    const where = start ? `${start.line + 1}:${start.character + 1}` : '0:0';
    const path = Array.isArray(d.path) && d.path.length ? ` ${d.path.join('/')}:` : '';
    console.log(`${file}:${where}: ${severity} [${d.code}]:${path} ${d.message}`);
  }
  if (!document || errors > 0) {
    failed++;
    console.log(`${file}: INVALID (${errors} error${errors === 1 ? '' : 's'})`);
  } else {
    console.log(`${file}: valid`);
  }
}
process.exit(failed === 0 ? 0 : 1);
