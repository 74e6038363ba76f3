/**
 * Terraform HCL sources → canonical resources, through @cdktf/hcl2json (HCL parsed by
 * HashiCorp's own parser, compiled to WebAssembly), with each resource's file and line.
 */
import * as path from "node:path";
import { InputError, parseJsonFile, readTextFile } from "../engine/input-error";
import type { InlineWaiver, Resource } from "../engine/resource";
import { resourcesFromModuleFiles } from "./configuration";
import { loadModuleFolders, ModuleFile, rootVariableValues, VariableInputs } from "./module";

const RESOURCE_HEADER = /^\s*resource\s+"([^"]+)"\s+"([^"]+)"/;
const MODULE_HEADER = /^\s*module\s+"([^"]+)"/;

/** Line of each `resource "type" "name"` header, by address. */
export function resourceLines(source: string): Map<string, number> {
    return sourceLines(source).resources;
}

/** `# gatehouse:waive <rule-id> <reason>` (or `//`), alone on its line or after code. */
const INLINE_WAIVER = /(?:#|\/\/)\s*gatehouse:waive\s+(\S+)\s*(.*?)\s*$/u;
const COMMENT_LINE = /^\s*(?:#|\/\/)/u;

export interface SourceLines {
    /** The first `resource "type" "name"` header of each address. */
    resources: Map<string, number>;
    attributes: Map<string, Map<string, number>>;
    modules: Map<string, number>;
    /** Addresses declared more than once, with every line (Terraform refuses them). */
    duplicates: Map<string, number[]>;
    /** Waiver comments directly above a resource's header, on it, or inside its block. */
    waivers: Map<string, InlineWaiver[]>;
}

/**
 * Lines of each resource's header and of its top-level attributes (`body = ...`), by address.
 * Braces are counted outside strings, so a nested block's attributes are not taken for the resource's.
 */
export function sourceLines(source: string): SourceLines {
    const resources = new Map<string, number>();
    const attributes = new Map<string, Map<string, number>>();
    const modules = new Map<string, number>();
    const duplicates = new Map<string, number[]>();
    const waivers = new Map<string, InlineWaiver[]>();
    let current: Map<string, number> | undefined;
    let currentAddress: string | undefined;
    let above: InlineWaiver[] = [];
    let depth = 0;
    source.split("\n").forEach((line, index) => {
        const header = depth === 0 ? RESOURCE_HEADER.exec(line) : null;
        const waiver = INLINE_WAIVER.exec(line);
        const inline = waiver ? { rule: waiver[1], reason: waiver[2], line: index + 1 } : undefined;
        if (header) {
            const address = `${header[1]}.${header[2]}`;
            waivers.set(address, [...waivers.get(address) ?? [], ...above, ...(inline ? [inline] : [])]);
            above = [];
            currentAddress = address;
            const first = resources.get(address);
            if (first !== undefined) {
                duplicates.set(address, [...duplicates.get(address) ?? [first], index + 1]);
                current = undefined;
            } else {
                resources.set(address, index + 1);
                current = new Map();
                attributes.set(address, current);
            }
        } else if (depth === 0 && MODULE_HEADER.test(line)) {
            modules.set(MODULE_HEADER.exec(line)![1], index + 1);
            above = [];
        } else if (depth === 0) {
            // Comment lines directly above a header belong to it; anything else breaks the run.
            above = COMMENT_LINE.test(line) ? [...above, ...(inline ? [inline] : [])] : [];
        } else if (currentAddress && inline) {
            waivers.get(currentAddress)!.push(inline); // inside the block, as Checkov's skip comments are
        }
        if (depth === 1 && current && !header) {
            const attribute = /^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=/.exec(line);
            if (attribute && !current.has(attribute[1])) {
                current.set(attribute[1], index + 1);
            }
        }
        depth = Math.max(0, depth + braceBalance(line));
        if (depth === 0) {
            current = undefined;
            currentAddress = undefined;
        }
    });
    for (const [address, list] of waivers) {
        if (list.length === 0) {
            waivers.delete(address);
        }
    }
    return { resources, attributes, modules, duplicates, waivers };
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

export type HclDocument = ModuleFile;

/** One `.tf` file as Terraform JSON configuration, with its blocks' lines. A resource declared twice is refused, as Terraform refuses it. */
export async function parseHclFile(file: string): Promise<HclDocument> {
    const source = readTextFile(file);
    const lines = sourceLines(source);
    for (const [address, at] of lines.duplicates) {
        throw new InputError(file, `resource ${address} is declared ${at.length} times (lines ${at.join(" and ")}); Terraform refuses a duplicate resource block`);
    }
    try {
        return {
            file, document: await hcl2json().parse(path.basename(file), source), lines: lines.resources, attributeLines: lines.attributes,
            moduleLines: lines.modules, waivers: lines.waivers,
        };
    } catch (error) {
        // hcl2json reports "parse config: [main.tf:3,1-2: Summary; Detail]".
        const detail = String((error as Error)?.message ?? error).replace(/^Error: /, "").replace(/^parse config: \[(.*)\]$/s, "$1");
        throw new InputError(file, `not valid HCL: ${detail.replace(/^[^:]*\.tf:/, "line ")}`);
    }
}

/** A `.tf`, `.tfvars` or JSON (`.tf.json`, `.tfvars.json`) file as Terraform JSON. */
export async function parseTerraformFile(file: string): Promise<HclDocument> {
    if (file.endsWith(".tf") || file.endsWith(".tfvars")) {
        return parseHclFile(file);
    }
    return { file, document: parseJsonFile(file, readTextFile(file)) as Record<string, unknown>, lines: new Map() };
}

/**
 * The resources of a root module's files and of the local modules it calls. Terraform reads a
 * folder's files as one module: variables, locals and resources of one file are known in all.
 */
export async function resourcesFromModule(documents: readonly HclDocument[], dir: string, inputs: VariableInputs = {}): Promise<{ resources: Resource[]; notices: string[] }> {
    const variables = await rootVariableValues(dir, inputs, parseTerraformFile);
    const modules = await loadModuleFolders(dir, documents, parseTerraformFile);
    // Resources declared twice across the module's files are refused too.
    const declaredIn = new Map<string, string>();
    for (const document of documents) {
        for (const [address, line] of document.lines) {
            const other = declaredIn.get(address);
            if (other !== undefined) {
                throw new InputError(document.file, `resource ${address} (line ${line}) is also declared in ${other}; Terraform refuses a duplicate resource block`);
            }
            declaredIn.set(address, `${path.basename(document.file)} line ${line}`);
        }
    }
    return resourcesFromModuleFiles(documents, dir, variables, modules);
}
