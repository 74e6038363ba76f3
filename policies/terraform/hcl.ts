/**
 * Terraform HCL sources → canonical resources, through @cdktf/hcl2json (HCL parsed by
 * HashiCorp's own parser, compiled to WebAssembly), with each resource's file and line.
 */
import * as path from "node:path";
import { InputError, readTextFile } from "../engine/input-error";
import type { Resource } from "../engine/resource";
import { resourcesFromConfiguration } from "./configuration";
import { knownLocals } from "./expressions";

const RESOURCE_HEADER = /^\s*resource\s+"([^"]+)"\s+"([^"]+)"/;

/** Line of each `resource "type" "name"` header, by address. */
export function resourceLines(source: string): Map<string, number> {
    return sourceLines(source).resources;
}

/**
 * Lines of each resource's header and of its top-level attributes (`body = ...`), by address.
 * Braces are counted outside strings, so a nested block's attributes are not taken for the resource's.
 */
export function sourceLines(source: string): { resources: Map<string, number>; attributes: Map<string, Map<string, number>> } {
    const resources = new Map<string, number>();
    const attributes = new Map<string, Map<string, number>>();
    let current: Map<string, number> | undefined;
    let depth = 0;
    source.split("\n").forEach((line, index) => {
        const header = depth === 0 ? RESOURCE_HEADER.exec(line) : null;
        if (header) {
            const address = `${header[1]}.${header[2]}`;
            resources.set(address, index + 1);
            current = new Map();
            attributes.set(address, current);
        } else if (depth === 1 && current) {
            const attribute = /^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=/.exec(line);
            if (attribute && !current.has(attribute[1])) {
                current.set(attribute[1], index + 1);
            }
        }
        depth = Math.max(0, depth + braceBalance(line));
        if (depth === 0) {
            current = undefined;
        }
    });
    return { resources, attributes };
}

/** `{` minus `}` on a line, outside quoted strings and comments. */
function braceBalance(line: string): number {
    let balance = 0;
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
        const char = line[i];
        if (quoted) {
            if (char === "\\") {
                i++;
            } else if (char === "\"") {
                quoted = false;
            }
        } else if (char === "\"") {
            quoted = true;
        } else if (char === "#" || (char === "/" && line[i + 1] === "/")) {
            break;
        } else if (char === "{") {
            balance++;
        } else if (char === "}") {
            balance--;
        }
    }
    return balance;
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
    readonly attributeLines?: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

/** One `.tf` file as Terraform JSON configuration, with its resources' lines. */
export async function parseHclFile(file: string): Promise<HclDocument> {
    const source = readTextFile(file);
    try {
        const lines = sourceLines(source);
        return { file, document: await hcl2json().parse(path.basename(file), source), lines: lines.resources, attributeLines: lines.attributes };
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
        attributeLines: source.attributeLines,
        frontEnd: source.file.endsWith(".tf") ? "terraform-hcl" : "terraform-config",
        locals,
    }));
}
