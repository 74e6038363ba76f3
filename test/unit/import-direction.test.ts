/**
 * Imports run one way: engine ← rules ← front ends and components. The engine imports nothing of
 * the project outside itself; rules import only the engine; neither reaches a front end, the
 * components or the test kit. The components' pieces are neutral, so each family can render them.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";

const ROOT = path.resolve(__dirname, "../../..");

function sources(dir: string): string[] {
    return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
        const relative = path.join(dir, entry.name);
        return entry.isDirectory() ? sources(relative) : entry.name.endsWith(".ts") ? [relative] : [];
    });
}

/** Project files a source imports, relative to the repository. */
function projectImports(file: string): string[] {
    const text = readFileSync(path.join(ROOT, file), "utf8");
    return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^;]*?from\s+"(\.[^"]+)"/g)]
        .map((match) => path.normalize(path.join(path.dirname(file), match[1])));
}

test("the engine imports only the engine; rules only the engine and themselves", () => {
    const wrong: string[] = [];
    for (const file of sources("policies/engine")) {
        wrong.push(...projectImports(file).filter((target) => !target.startsWith(path.join("policies", "engine"))).map((target) => `${file} → ${target}`));
    }
    for (const file of sources("policies/rules")) {
        wrong.push(...projectImports(file).filter((target) => !target.startsWith(path.join("policies", "engine")) && !target.startsWith(path.join("policies", "rules")))
            .map((target) => `${file} → ${target}`));
    }
    assert.deepEqual(wrong, []);
});

test("the components' shared pieces, defaults and baseline are engine-neutral: neither Pulumi nor CDKTF", () => {
    const neutral = ["components/pieces.ts", "components/defaults.ts", "components/baseline.ts"];
    for (const file of neutral) {
        const text = readFileSync(path.join(ROOT, file), "utf8");
        assert.doesNotMatch(text, /from "(@pulumi\/[a-z]+|cdktf|constructs)"/, file);
        assert.deepEqual(projectImports(file).filter((target) => target.startsWith("cdk") || target.endsWith("render") || target.startsWith(path.join("policies", "pulumi"))), [], file);
    }
});
