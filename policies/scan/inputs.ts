/**
 * What `gatehouse scan` reads, detected from the path: a Terraform plan (`terraform show -json`),
 * Terraform JSON configuration (CDKTF's `cdk.tf.json`, or a `cdktf.out` folder of stacks), a
 * folder of `.tf` files, or a Pulumi stack export. Anything else is an InputError naming the path.
 */
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import * as path from "node:path";
import { InputError, parseJsonFile, readTextFile } from "../engine/input-error";
import type { Resource } from "../engine/resource";
import { isStackExport, resourcesFromStackExport } from "../pulumi/state";
import { resourcesFromConfiguration } from "../terraform/configuration";
import { HclDocument, parseHclFile, parseTerraformFile, resourcesFromModule } from "../terraform/hcl";
import { isTerraformSource, VariableInputs } from "../terraform/module";
import { resourcesFromPlan, withSource } from "../terraform/plan";
import { readPlanFile } from "./plan-file";

export type InputFormat = "terraform-plan" | "terraform-json" | "cdktf" | "terraform-hcl" | "pulumi-state";

export interface ScanInput {
    /** The path as the user gave it (a folder of `.tf` files is one input). */
    readonly path: string;
    readonly format: InputFormat;
    readonly resources: readonly Resource[];
    /** What the input holds that was not scanned, and why (a remote module). */
    readonly notices?: readonly string[];
}

const EXPECTED = "expected a Terraform plan (`terraform show -json <planfile>`), Terraform JSON configuration (*.tf.json, cdk.tf.json), "
    + "a cdktf.out folder, a folder of .tf files, or a Pulumi stack export (`pulumi stack export`)";

function readJson(file: string): unknown {
    return parseJsonFile(file, readTextFile(file));
}

function isObject(value: unknown): value is Record<string, any> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

function fromJsonDocument(file: string, document: unknown): ScanInput {
    if (!isObject(document)) {
        throw new InputError(file, `the document is not a JSON object; ${EXPECTED}`);
    }
    if ("resource_changes" in document || "planned_values" in document) {
        if (!("resource_changes" in document)) {
            throw new InputError(file, "a Terraform plan without `resource_changes`: the file is incomplete, or it is `terraform show -json` of state; "
                + "scan the plan (`terraform plan -out plan.tfplan && terraform show -json plan.tfplan`)");
        }
        return { path: file, format: "terraform-plan", resources: resourcesFromPlan(document, file) };
    }
    if (isStackExport(document)) {
        return { path: file, format: "pulumi-state", resources: resourcesFromStackExport(document, file) };
    }
    if ("resource" in document || "terraform" in document || "provider" in document) {
        const cdktf = path.basename(file) === "cdk.tf.json";
        return {
            path: file,
            format: cdktf ? "cdktf" : "terraform-json",
            resources: resourcesFromConfiguration(document, { file, frontEnd: cdktf ? "cdktf" : "terraform-config" }),
        };
    }
    throw new InputError(file, `unknown format: ${EXPECTED}`);
}

/** CDKTF synth output: `stacks/<stack>/cdk.tf.json` under a `cdktf.out` folder. */
function cdktfStacks(folder: string): string[] {
    const stacks = path.join(folder, "stacks");
    if (!existsSync(stacks) || !statSync(stacks).isDirectory()) {
        return [];
    }
    return readdirSync(stacks).sort().map((stack) => path.join(stacks, stack, "cdk.tf.json")).filter((file) => existsSync(file));
}

/** A path's kind, following symlinks; undefined for a dangling link or a vanished entry. */
function kindOf(target: string): "file" | "folder" | "other" | undefined {
    try {
        const stats = statSync(target);
        return stats.isFile() ? "file" : stats.isDirectory() ? "folder" : "other";
    } catch {
        return undefined;
    }
}

async function fromFolder(folder: string, errors: InputError[], visited: Set<string>, variables: VariableInputs): Promise<ScanInput[]> {
    visited.add(realpathSync(folder));
    const synthOutput = existsSync(path.join(folder, "cdktf.out")) ? path.join(folder, "cdktf.out") : folder;
    const stacks = cdktfStacks(synthOutput);
    if (stacks.length > 0) {
        return stacks.map((file) => fromJsonDocument(file, readJson(file)));
    }
    const entries = readdirSync(folder).sort();
    if (entries.includes("cdk.tf.json")) {
        const file = path.join(folder, "cdk.tf.json");
        return [fromJsonDocument(file, readJson(file))];
    }
    // Terraform reads every .tf and .tf.json file of a folder as one module.
    const sources: string[] = [];
    for (const entry of entries.filter(isTerraformSource)) {
        const file = path.join(folder, entry);
        const kind = kindOf(file);
        if (kind === undefined) {
            throw new InputError(file, "a symbolic link to nothing: Terraform cannot read this module either; fix or remove the link");
        }
        if (kind === "file") {
            sources.push(file);
        }
    }
    if (sources.length === 0) {
        // A folder of configurations (`examples/`, a monorepo): each subfolder that holds one is an input.
        const nested = await fromSubfolders(folder, entries, 1, errors, visited, variables);
        if (nested.length === 0 && errors.length === 0) {
            throw new InputError(folder, `nothing to scan in this folder or below it: no .tf or .tf.json files, no cdk.tf.json and no cdktf.out stacks; ${EXPECTED}`);
        }
        return nested;
    }
    const documents: HclDocument[] = [];
    for (const file of sources) {
        documents.push(await parseTerraformFile(file));
    }
    const { resources, notices } = await resourcesFromModule(documents, folder, variables);
    return [{ path: folder, format: "terraform-hcl", resources, notices }];
}

const MAX_FOLDER_DEPTH = 6;
/** Folders Terraform and package managers own: never configurations of the user's. */
const SKIPPED_FOLDERS = new Set(["node_modules", ".terraform", ".git"]);

/**
 * Each subfolder holding a configuration is an input of its own; one that cannot be read is named
 * in `errors` and the others are still read. A folder reached twice (a symlink loop) is read once.
 */
async function fromSubfolders(folder: string, entries: readonly string[], depth: number, errors: InputError[], visited: Set<string>, variables: VariableInputs): Promise<ScanInput[]> {
    if (depth > MAX_FOLDER_DEPTH) {
        return [];
    }
    const inputs: ScanInput[] = [];
    for (const entry of entries) {
        const child = path.join(folder, entry);
        if (entry.startsWith(".") || SKIPPED_FOLDERS.has(entry) || kindOf(child) !== "folder" || visited.has(realpathSync(child))) {
            continue;
        }
        try {
            const childEntries = readdirSync(child).sort();
            const holdsConfiguration = childEntries.some((name) => isTerraformSource(name) || name === "cdktf.out")
                || cdktfStacks(child).length > 0;
            if (holdsConfiguration) {
                inputs.push(...await fromFolder(child, errors, visited, variables));
            } else {
                visited.add(realpathSync(child));
                inputs.push(...await fromSubfolders(child, childEntries, depth + 1, errors, visited, variables));
            }
        } catch (error) {
            errors.push(asInputError(child, error));
        }
    }
    return inputs;
}

/** Any failure to read a path, as an InputError naming it (a shape no reader anticipated is still the input's fault). */
export function asInputError(target: string, error: unknown): InputError {
    if (error instanceof InputError) {
        return error;
    }
    const code = (error as NodeJS.ErrnoException)?.code;
    return new InputError(target, code ? `cannot be read (${code})` : `could not be read (${(error as Error)?.message ?? error})`);
}

/**
 * Reads one path the user named; a folder may hold several inputs (CDKTF stacks, or configurations
 * in subfolders), and the subfolders that cannot be read are added to `errors`.
 */
/** How inputs are read: root module variables for HCL, and the configuration a plan was made from. */
export interface ReadOptions {
    readonly variables?: VariableInputs;
    /** The folder of `.tf` files a plan was made from (`--source`); default: the plan's folder, when it holds some. */
    readonly source?: string;
}

export async function loadInputs(target: string, errors: InputError[] = [], read: ReadOptions = {}): Promise<ScanInput[]> {
    const variables = read.variables ?? {};
    const kind = kindOf(target);
    if (kind === undefined) {
        throw new InputError(target, existsSync(target) ? "cannot be read" : "no such file or folder");
    }
    if (kind === "folder") {
        return fromFolder(target, errors, new Set(), variables);
    }
    if (target.endsWith(".tf")) {
        const { resources, notices } = await resourcesFromModule([await parseHclFile(target)], path.dirname(target), variables);
        return [{ path: target, format: "terraform-hcl", resources, notices }];
    }
    // A plan is read change by change; anything else, or a plan that is not well-formed, is read whole.
    const planned = readPlanFile(target);
    const input: ScanInput = planned ? { path: target, format: "terraform-plan", resources: planned } : fromJsonDocument(target, readJson(target));
    if (input.format !== "terraform-plan") {
        return [input];
    }
    const source = read.source ?? path.dirname(target);
    const sourceFiles = kindOf(source) === "folder" ? readdirSync(source).sort().filter(isTerraformSource).map((name) => path.join(source, name)) : [];
    if (sourceFiles.length === 0) {
        if (read.source !== undefined) {
            throw new InputError(read.source, "--source must be the folder of .tf files the plan was made from");
        }
        return [input];
    }
    let configured: Resource[];
    try {
        const documents: HclDocument[] = [];
        for (const file of sourceFiles) {
            documents.push(await parseTerraformFile(file));
        }
        configured = (await resourcesFromModule(documents, source, variables)).resources;
    } catch (error) {
        if (read.source !== undefined) {
            throw error;
        }
        // The plan's folder was only a guess at its source: the plan is read on its own.
        return [{ ...input, notices: [`the .tf files next to the plan were not used as its source: ${asInputError(source, error).message}`] }];
    }
    const addresses = new Set(input.resources.map((resource) => resource.id));
    if (read.source === undefined && !configured.some((resource) => addresses.has(resource.id))) {
        return [input]; // the .tf files next to the plan are another configuration
    }
    return [{ ...input, resources: withSource(input.resources, configured) }];
}
