import { spawnSync, SpawnSyncOptions } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");

/** The bin users run: package.json `bin.gatehouse`, compiled into dist. */
export const BIN = path.join(ROOT, JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).bin.gatehouse);

export interface CliRun {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** `gatehouse <args>` as a user runs it: a child process, from the repository, output not a terminal. */
export function runGatehouse(args: readonly string[], options: SpawnSyncOptions = {}, env: Record<string, string> = { NO_COLOR: "1" }): CliRun {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", ...options, env: { ...process.env, ...env, ...(options.env ?? {}) } });
    return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}
