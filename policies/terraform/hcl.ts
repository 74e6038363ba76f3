/**
 * Terraform HCL sources → canonical resources, through @cdktf/hcl2json (HCL parsed by
 * HashiCorp's own parser, compiled to WebAssembly), with each resource's file and line.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { InputError } from "../engine/input-error";
import type { Resource } from "../engine/resource";
import { resourcesFromConfiguration } from "./configuration";
import { knownLocals } from "./expressions";

const RESOURCE_HEADER = /^\s*resource\s+"([^"]+)"\s+"([^"]+)"/;

/** Line of each `resource "type" "name"` header, by address. */
export function resourceLines(source: string): Map<string, number> {
    const lines = new Map<string, number>();
    source.split("\n").forEach((line, index) => {
        const match = RESOURCE_HEADER.exec(line);
        if (match) {
            lines.set(`${match[1]}.${match[2]}`, index + 1);
        }
    });
    return lines;
}

type Hcl2Json = { parse(filename: string, contents: string): Promise<Record<string, unknown>> };

/** Loaded on first use: the policy pack never parses HCL. */
function hcl2json(): Hcl2Json {
    return require("@cdktf/hcl2json") as Hcl2Json;
}

export interface HclDocument {
    readonly file: string;
    readonly document: Record<string, unknown>;
    readonly lines: ReadonlyMap<string, number>;
}

/** One `.tf` file as Terraform JSON configuration, with its resources' lines. */
export async function parseHclFile(file: string): Promise<HclDocument> {
    const source = readFileSync(file, "utf8");
    try {
        return { file, document: await hcl2json().parse(path.basename(file), source), lines: resourceLines(source) };
    } catch (error) {
        // hcl2json reports "parse config: [main.tf:3,1-2: Summary; Detail]".
        const detail = String((error as Error)?.message ?? error).replace(/^Error: /, "").replace(/^parse config: \[(.*)\]$/s, "$1");
        throw new InputError(file, `not valid HCL: ${detail.replace(/^[^:]*\.tf:/, "line ")}`);
    }
}

/**
 * The resources of a module's files (`.tf` parsed, `.tf.json` as they are). Terraform reads a
 * folder's files as one module, so locals defined in one file are known in all of them.
 */
export function resourcesFromModule(documents: readonly HclDocument[]): Resource[] {
    const locals = knownLocals(documents.map((source) => source.document["locals"] ?? []));
    return documents.flatMap((source) => resourcesFromConfiguration(source.document, {
        file: source.file,
        lines: source.lines,
        frontEnd: source.file.endsWith(".tf") ? "terraform-hcl" : "terraform-config",
        locals,
    }));
}
