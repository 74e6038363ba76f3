import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { catalog } from "../policies/catalog";
import { withDefaultsTable } from "./components-doc";
import { renderRulesDoc } from "./rules-doc";

const root = path.resolve(__dirname, "../..");
const rulesDoc = path.join(root, "docs/rules.md");
writeFileSync(rulesDoc, renderRulesDoc(catalog));
process.stdout.write(`wrote docs/rules.md (${catalog.length} rules)\n`);
const readme = path.join(root, "README.md");
writeFileSync(readme, withDefaultsTable(readFileSync(readme, "utf8")));
process.stdout.write("updated the component defaults table in README.md\n");
