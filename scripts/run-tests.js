#!/usr/bin/env node
// Runs every compiled test file (.build/test/**/*.test.js) with Node's built-in test runner.
// Each file runs in its own process; a file starts its own policy pack process.
"use strict";
const { readdirSync, statSync } = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

function collect(dir) {
    return readdirSync(dir).flatMap((entry) => {
        const full = path.join(dir, entry);
        return statSync(full).isDirectory() ? collect(full) : entry.endsWith(".test.js") ? [full] : [];
    });
}

const root = path.resolve(__dirname, "..");
const filter = process.argv.slice(2);
const files = collect(path.join(root, ".build", "test"))
    .filter((file) => filter.length === 0 || filter.some((part) => file.includes(part)))
    .sort();
if (files.length === 0) {
    console.error("no test files found under .build/test (run `npm run build:dev` first)");
    process.exit(2);
}
const reporter = process.env.CI ? "spec" : "dot";
const result = spawnSync(process.execPath, ["--test", `--test-reporter=${reporter}`, "--test-concurrency=2", ...files], {
    cwd: root,
    stdio: "inherit",
});
process.exit(result.status ?? 1);
