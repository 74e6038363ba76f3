/**
 * Terraform configuration (HCL read as JSON, `.tf.json`, CDKTF's `cdk.tf.json`) → canonical
 * resources: the module is evaluated as Terraform would before plan (module.ts), each resource
 * instance converted to the canonical model; what is known only after plan is unknown, and the
 * resources an attribute refers to are its refs.
 */
import * as path from "node:path";
import { InputError } from "../engine/input-error";
import { makeResource, Resource } from "../engine/resource";
import { holdsUnknown, isUnknown, UNKNOWN } from "../engine/values";
import { canonicalName, canonicalType, toCanonical } from "./convert";
import { EvaluatedModule, evaluateRootModule, ModuleFile, ModuleFolders, resolveInstances } from "./module";

export interface ConfigurationSource {
    file: string;
    /** Line of each resource, by address, where the source format knows it (HCL). */
    lines?: ReadonlyMap<string, number>;
    /** Line of each resource's top-level attributes, by address (HCL). */
    attributeLines?: ReadonlyMap<string, ReadonlyMap<string, number>>;
    frontEnd: "terraform-config" | "terraform-hcl" | "cdktf";
    /** The module's folder, which `path.module` and `file()` read from (default: the file's folder). */
    moduleDir?: string;
    /** Values of the root module's variables (`.tfvars`, `--var`). */
    variables?: Record<string, unknown>;
}

/**
 * Keeps a partly known string only where its known parts mean something on their own: a
 * document (JSON, YAML: an IAM policy, an OpenAPI body, a log format) or an ARN. Elsewhere
 * (`"TLS_${var.v}"`) a partly known value is unknown: a rule comparing it would misjudge it.
 */
function settleUnknowns(value: unknown): unknown {
    if (typeof value === "string") {
        return holdsUnknown(value) && !isUnknown(value) && !PARTS_MEAN_SOMETHING.test(value) ? UNKNOWN : value;
    }
    if (Array.isArray(value)) {
        return value.map(settleUnknowns);
    }
    if (value !== null && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value)) {
            out[key] = settleUnknowns((value as Record<string, unknown>)[key]);
        }
        return out;
    }
    return value;
}

const PARTS_MEAN_SOMETHING = /^\s*[{[]|\n|^arn:/u;

function propertyLines(terraformType: string, lines: ReadonlyMap<string, number> | undefined): ReadonlyMap<string, number> | undefined {
    return lines ? new Map([...lines].map(([attribute, line]) => [canonicalName(terraformType, attribute), line])) : undefined;
}

/** The canonical resources of an evaluated module tree. */
export function resourcesFromEvaluated(evaluated: EvaluatedModule, frontEndOf: (file: string) => ConfigurationSource["frontEnd"]): Resource[] {
    const addresses = new Set(evaluated.resources.map((resource) => resource.address));
    const byBase = new Map<string, string[]>();
    for (const address of addresses) {
        const base = address.replace(/\[[^\]]*\]$/u, "");
        if (base !== address) {
            byBase.set(base, [...byBase.get(base) ?? [], address]);
        }
    }
    const resources: Resource[] = [];
    for (const instance of evaluated.resources) {
        const type = canonicalType(instance.terraformType);
        if (!type) {
            continue;
        }
        const refs: Record<string, string[]> = {};
        for (const [attribute, targets] of Object.entries(instance.refs)) {
            // Variables are kept too: where a value comes from matters (an API key from a variable is not written in the resource).
            const resolved = resolveInstances(targets, addresses, byBase).filter((target) => target !== instance.address);
            if (resolved.length > 0) {
                refs[canonicalName(instance.terraformType, attribute)] = resolved;
            }
        }
        resources.push(makeResource({
            type,
            name: instance.name,
            id: instance.address,
            props: toCanonical(instance.terraformType, settleUnknowns(instance.values) as Record<string, unknown>),
            origin: {
                frontEnd: frontEndOf(instance.file),
                file: instance.file,
                line: instance.line,
                propertyLines: propertyLines(instance.terraformType, instance.attributeLines),
                waivers: instance.waivers,
            },
            refs,
            declared: new Set(instance.written.map((attribute) => canonicalName(instance.terraformType, attribute))),
            options: { deleteBeforeReplace: !instance.createBeforeDestroy },
            secrets: evaluated.secrets.size > 0 ? new Set(evaluated.secrets) : undefined,
        }));
    }
    return resources;
}

/** Checks what Terraform itself checks of a document's `resource` section before reading it. */
function checkResourceSection(document: any, file: string): void {
    const blocks = document?.resource;
    if (blocks === undefined) {
        return;
    }
    if (blocks === null || typeof blocks !== "object") {
        throw new InputError(file, "`resource` is not an object of resource types");
    }
    for (const [terraformType, byName] of Object.entries<any>(blocks)) {
        if (byName === null || typeof byName !== "object") {
            throw new InputError(file, `resource.${terraformType}: not an object of resources by name`);
        }
        const entries = Array.isArray(byName) ? byName.flatMap((item) => Object.entries<any>(item ?? {})) : Object.entries<any>(byName);
        for (const [name, body] of entries) {
            const values = Array.isArray(body) ? body[0] : body;
            if (values === null || typeof values !== "object") {
                throw new InputError(file, `resource ${terraformType}.${name}: its body is not an object`);
            }
        }
    }
}

/** The resources of a module's files, evaluated together (Terraform reads a folder as one module). */
export function resourcesFromModuleFiles(files: readonly ModuleFile[], dir: string, variables: Record<string, unknown> = {}, modules?: ModuleFolders,
    frontEndOf: (file: string) => ConfigurationSource["frontEnd"] = (file) => (file.endsWith(".tf") ? "terraform-hcl" : "terraform-config")): { resources: Resource[]; notices: string[] } {
    for (const file of files) {
        checkResourceSection(file.document, file.file);
    }
    const evaluated = evaluateRootModule(files, dir, variables, modules);
    return { resources: resourcesFromEvaluated(evaluated, frontEndOf), notices: evaluated.notices };
}

/** The resources of one Terraform JSON configuration document (`{ "resource": { type: { name: {...} } } }`). */
export function resourcesFromConfiguration(document: any, source: ConfigurationSource): Resource[] {
    if (document === null || typeof document !== "object" || Array.isArray(document)) {
        throw new InputError(source.file, "not a Terraform JSON configuration object");
    }
    const file: ModuleFile = { file: source.file, document, lines: source.lines ?? new Map(), attributeLines: source.attributeLines };
    return resourcesFromModuleFiles([file], source.moduleDir ?? path.dirname(path.resolve(source.file)), source.variables, undefined, () => source.frontEnd).resources;
}
