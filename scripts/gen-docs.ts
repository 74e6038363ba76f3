import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { catalog } from "../policies/catalog";
import { renderRulesDoc } from "./rules-doc";

const target = path.resolve(__dirname, "../../docs/rules.md");
writeFileSync(target, renderRulesDoc(catalog));
process.stdout.write(`wrote ${path.relative(process.cwd(), target)} (${catalog.length} rules)\n`);
