import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { test } from "node:test";

const ROOT = path.resolve(__dirname, "../../..");

test("npm pack ships the compiled pack, PulumiPolicy.yaml, components and docs, and no tests or fixtures", () => {
    const packed = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" });
    assert.equal(packed.status, 0, packed.stderr);
    const [{ files }] = JSON.parse(packed.stdout) as [{ files: { path: string }[] }];
    const paths = files.map((file) => file.path);
    for (const required of [
        "package.json", "README.md", "PulumiPolicy.yaml", "docs/rules.md",
        "dist/policies/index.js", "dist/policies/library.js", "dist/policies/library.d.ts", "dist/policies/catalog.js",
        "dist/components/index.js", "dist/components/index.d.ts", "dist/cdk/index.js", "dist/cdk/index.d.ts",
    ]) {
        assert.ok(paths.includes(required), `${required} is shipped`);
    }
    for (const file of paths) {
        assert.ok(!/^(test|examples|bench|scripts|\.build|\.ci)\//.test(file), `${file} is not shipped`);
        assert.ok(!/(\.test\.|fixtures)/.test(file), `${file} is not a test or fixture`);
        assert.ok(!/\.ts$/.test(file) || file.endsWith(".d.ts"), `${file}: sources ship compiled`);
    }
    const rules = paths.filter((file) => /^dist\/policies\/rules\/[^/]+\/[^/]+\.js$/.test(file));
    assert.ok(rules.length >= 8, "every rule is shipped");
});
