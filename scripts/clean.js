#!/usr/bin/env node
// Removes build output folders, so files of deleted sources never linger in a build.
"use strict";
const { rmSync } = require("node:fs");
const path = require("node:path");
for (const folder of process.argv.slice(2)) {
    rmSync(path.resolve(__dirname, "..", folder), { recursive: true, force: true });
}
