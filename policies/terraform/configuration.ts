/**
 * Terraform JSON configuration (CDKTF's `cdk.tf.json`, or HCL converted to JSON) → canonical
 * resources. Values written as `${...}` expressions are unknown (known only after plan or apply);
 * the resources they reference become refs.
 */
import { makeResource, Resource } from "../engine/resource";
import { canonicalName, canonicalType, toCanonical } from "./convert";
import * as path from "node:path";
import { evaluateKnownExpressions, FileFunctionError, KnownLocals, knownLocals } from "./expressions";
import { InputError } from "../engine/input-error";

const EXPRESSION = /\$\{/;
/** Terraform meta-arguments: not properties of the resource. */
const META_ARGUMENTS = new Set(["//", "count", "for_each", "provider", "depends_on", "lifecycle", "provisioner", "connection"]);
const REFERENCE = /\b(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;

function referencedAddresses(value: unknown, into: Set<string>): Set<string> {
    if (typeof value === "string") {
        if (EXPRESSION.test(value)) {
            for (const match of value.matchAll(REFERENCE)) {
                into.add(`${match[1]}.${match[2]}`);
            }
        }
    } else if (value !== null && typeof value === "object") {
        Object.values(value).forEach((item) => referencedAddresses(item, into));
    }
    return into;
}

export interface ConfigurationSource {
    file: string;
    /** Line of each resource, by address, where the source format knows it (HCL). */
    lines?: ReadonlyMap<string, number>;
    /** Line of each resource's top-level attributes, by address (HCL). */
    attributeLines?: ReadonlyMap<string, ReadonlyMap<string, number>>;
    frontEnd: "terraform-config" | "terraform-hcl" | "cdktf";
    /** Locals known before plan, from every file of the module (default: this document's own). */
    locals?: KnownLocals;
    /** The module's folder, which `path.module` and `file()` read from (default: the file's folder). */
    moduleDir?: string;
}

function propertyLines(terraformType: string, lines: ReadonlyMap<string, number> | undefined): ReadonlyMap<string, number> | undefined {
    return lines ? new Map([...lines].map(([attribute, line]) => [canonicalName(terraformType, attribute), line])) : undefined;
}

/** The resources of a Terraform JSON configuration document (`{ "resource": { type: { name: {...} } } }`). */
export function resourcesFromConfiguration(document: any, source: ConfigurationSource): Resource[] {
    const blocks = document?.resource;
    if (blocks === undefined) {
        return [];
    }
    if (blocks === null || typeof blocks !== "object") {
        throw new InputError(source.file, "`resource` is not an object of resource types");
    }
    const locals = source.locals ?? knownLocals([document.locals ?? []]);
    const moduleDir = source.moduleDir ?? path.dirname(path.resolve(source.file));
    const resources: Resource[] = [];
    for (const [terraformType, byName] of Object.entries<any>(blocks)) {
        const type = canonicalType(terraformType);
        if (!type) {
            continue;
        }
        if (byName === null || typeof byName !== "object") {
            throw new InputError(source.file, `resource.${terraformType}: not an object of resources by name`);
        }
        // HCL as JSON may list a type's blocks as an array of objects.
        const entries = Array.isArray(byName) ? byName.flatMap((item) => Object.entries<any>(item ?? {})) : Object.entries<any>(byName ?? {});
        for (const [name, body] of entries) {
            const values = Array.isArray(body) ? body[0] : body;
            const address = `${terraformType}.${name}`;
            if (values === null || typeof values !== "object") {
                throw new InputError(source.file, `resource ${terraformType}.${name}: its body is not an object`);
            }
            const written = Object.entries<unknown>(values).filter(([key]) => !META_ARGUMENTS.has(key));
            const attributes = Object.fromEntries(written.map(([key, value]) => {
                try {
                    return [key, evaluateKnownExpressions(value, locals, moduleDir)];
                } catch (error) {
                    if (error instanceof FileFunctionError) {
                        throw new InputError(source.file, `resource ${address}: ${key} reads ${JSON.stringify(error.target)}, which does not exist`);
                    }
                    throw error;
                }
            }));
            const refs: Record<string, string[]> = {};
            // References come from what was written: an evaluated document no longer shows them.
            for (const [attribute, value] of written) {
                const targets = [...referencedAddresses(value, new Set())].filter((target) => target !== address);
                if (targets.length > 0) {
                    refs[canonicalName(terraformType, attribute)] = targets;
                }
            }
            const lifecycle = Array.isArray(values.lifecycle) ? values.lifecycle[0] : values.lifecycle;
            resources.push(makeResource({
                type,
                name,
                id: address,
                props: toCanonical(terraformType, attributes, { isExpression: (value) => EXPRESSION.test(value) }),
                origin: { frontEnd: source.frontEnd, file: source.file, line: source.lines?.get(address), propertyLines: propertyLines(terraformType, source.attributeLines?.get(address)) },
                refs,
                declared: new Set(Object.keys(attributes).map((attribute) => canonicalName(terraformType, attribute))),
                options: { deleteBeforeReplace: lifecycle?.create_before_destroy !== true },
            }));
        }
    }
    return resources;
}
