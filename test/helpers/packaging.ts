import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");

/** `npm pack` of this repository into `destination`, as users get it: the tarball's path and file list. */
export function packTarball(destination: string): { tarball: string; files: { path: string }[] } {
    const packed = spawnSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", destination], { cwd: ROOT, encoding: "utf8" });
    assert.equal(packed.status, 0, packed.stderr);
    const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    return { tarball: path.join(destination, filename), files };
}

/** The packed package unpacked at `modules/<name>`, as npm installs it (dependencies are the caller's to provide). */
export function unpackInto(modules: string, name: string, tarball: string): string {
    const installed = path.join(modules, name);
    mkdirSync(installed, { recursive: true });
    const untar = spawnSync("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
    assert.equal(untar.status, 0, String(untar.stderr));
    return installed;
}
