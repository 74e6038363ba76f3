/**
 * Pulumi state (`pulumi stack export`) → canonical resources: outputs as the properties (what
 * AnalyzeStack sees), inputs as what the program declared, propertyDependencies as refs. Secrets
 * exported with `--show-secrets` are plaintext and recorded as secret; encrypted ones are unknown.
 */
import { makeResource, Resource } from "../engine/resource";
import { UNKNOWN } from "../engine/values";
import { InputError } from "../engine/input-error";
import { fromWire, SECRET_SIG, SIG_KEY } from "./wire";

/**
 * Exported secrets → the wire's form (`{sig, value}`), which `fromWire` unwraps and records.
 * `encrypted` is what a secret exported without `--show-secrets` becomes: unknown here; the string
 * "[secret]" in what `pulumi policy analyze --file` sends a pack.
 */
export function secretsToWire(value: unknown, encrypted: unknown = UNKNOWN): unknown {
    if (Array.isArray(value)) {
        return value.map((item) => secretsToWire(item, encrypted));
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) {
        if (typeof record["plaintext"] === "string") {
            let plain: unknown;
            try {
                plain = JSON.parse(record["plaintext"]);
            } catch {
                plain = record["plaintext"];
            }
            return { [SIG_KEY]: SECRET_SIG, value: secretsToWire(plain, encrypted) };
        }
        // Encrypted (exported without --show-secrets): the value cannot be read.
        return encrypted;
    }
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, secretsToWire(item, encrypted)]));
}

/** True for the JSON `pulumi stack export` writes. */
export function isStackExport(document: any): boolean {
    return document !== null && typeof document === "object" && typeof document.deployment === "object"
        && document.deployment !== null && "resources" in document.deployment;
}

export function resourcesFromStackExport(document: any, file: string): Resource[] {
    const entries = document?.deployment?.resources;
    if (!Array.isArray(entries)) {
        throw new InputError(file, "not a Pulumi stack export: `deployment.resources` is not a list (produce it with `pulumi stack export`)");
    }
    const resources: Resource[] = [];
    entries.forEach((entry: any, index: number) => {
        if (entry === null || typeof entry !== "object" || typeof entry.urn !== "string" || typeof entry.type !== "string") {
            throw new InputError(file, `deployment.resources[${index}]: not a resource (it needs \`urn\` and \`type\`)`);
        }
        if (entry.delete === true || entry.custom === false) {
            return; // pending deletion, or a component (no cloud resource of its own)
        }
        const secrets = new Set<string>();
        const outputs = fromWire(secretsToWire(entry.outputs ?? {}), secrets) as Record<string, unknown>;
        const inputs = fromWire(secretsToWire(entry.inputs ?? {}), secrets) as Record<string, unknown>;
        const refs: Record<string, string[]> = {};
        for (const [prop, urns] of Object.entries<unknown>(entry.propertyDependencies ?? {})) {
            if (Array.isArray(urns) && urns.length > 0) {
                refs[prop] = urns.filter((urn): urn is string => typeof urn === "string");
            }
        }
        resources.push(makeResource({
            type: entry.type,
            name: entry.urn.slice(entry.urn.lastIndexOf("::") + 2),
            id: entry.urn,
            // Outputs hold the inputs too once created; a resource never created has only inputs.
            props: Object.keys(outputs).length > 0 ? outputs : inputs,
            origin: { frontEnd: "pulumi-state", file },
            refs,
            parent: typeof entry.parent === "string" ? entry.parent : undefined,
            options: { deleteBeforeReplace: typeof entry.deleteBeforeReplace === "boolean" ? entry.deleteBeforeReplace : undefined },
            declared: new Set(Object.keys(inputs)),
            secrets,
        }));
    });
    return resources;
}
