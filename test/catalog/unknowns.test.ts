/**
 * Unknown values, audited rule by rule. For every rule, over stacks where it passes and where it
 * fires, every property path the rule reads (recorded while it runs) is replaced, one at a time,
 * by the value a preview sends for what is not known yet. The twin must never produce a mandatory
 * finding the known stack does not, never drop a finding without a "cannot be verified" notice,
 * and never print the unknown sentinel.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { catalog } from "../../policies/catalog";
import { settingsFor } from "../../policies/engine/config";
import { Evaluator, NO_WAIVERS, Result } from "../../policies/engine/evaluate";
import { Graph } from "../../policies/engine/graph";
import { UNKNOWN_PLACEHOLDER } from "../../policies/engine/message";
import { makeResource, Resource } from "../../policies/engine/resource";
import type { Rule } from "../../policies/engine/rule";
import { UNKNOWN } from "../../policies/engine/values";
import { MUTATIONS } from "../fixtures/mutations";
import { canonicalCompliantStack } from "../helpers/canonical-stack";
import { openApiHttp, openApiRest, quickCreate } from "../canonical/fixtures";

type Props = Record<string, unknown>;

/** Wraps props so that every property a reader takes (at any depth) is recorded by its path (JSON of its steps: keys may hold dots). */
function recording(props: Props, record: (path: string) => void): Props {
    const proxies = new Map<object, object>();
    const wrap = (value: unknown, prefix: string): unknown => {
        if (value === null || typeof value !== "object") {
            return value;
        }
        let proxy = proxies.get(value);
        if (!proxy) {
            proxy = new Proxy(value, {
                get(target, key, receiver) {
                    const item = Reflect.get(target, key, receiver);
                    if (typeof key !== "string" || !Object.prototype.hasOwnProperty.call(target, key) || (Array.isArray(target) && !/^\d+$/.test(key))) {
                        return item;
                    }
                    const path = prefix === "" ? JSON.stringify([key]) : `${prefix.slice(0, -1)},${JSON.stringify(key)}]`;
                    record(path);
                    return wrap(item, path);
                },
            });
            proxies.set(value, proxy);
        }
        return proxy;
    };
    return wrap(props, "") as Props;
}

function withUnknownAt(props: Props, path: string): Props {
    const copy = structuredClone(props);
    const parts: string[] = JSON.parse(path);
    let holder: any = copy;
    for (const part of parts.slice(0, -1)) {
        holder = holder[part];
    }
    holder[parts[parts.length - 1]] = UNKNOWN;
    return copy;
}

function rebuild(resource: Resource, props: Props): Resource {
    return makeResource({
        type: resource.type, name: resource.name, id: resource.id, props, origin: resource.origin, refs: resource.refs as Record<string, string[]>,
        parent: resource.parent, options: resource.options, declared: resource.declared, secrets: resource.secretValues(),
    });
}


const place = (result: Result) => `${result.ruleId} ${result.resource?.id ?? ""} ${result.path ?? ""} ${result.endpoint ?? ""}`;
const SENTINEL = new RegExp(UNKNOWN);

/** The same finding, where an unknown value printed as the placeholder stands for whatever the known value was. */
function sameFinding(twin: Result, known: Result): boolean {
    if (place(twin) !== place(known)) {
        return false;
    }
    const pattern = twin.message.split(UNKNOWN_PLACEHOLDER).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*");
    return new RegExp(`^${pattern}$`, "s").test(known.message);
}

/**
 * Where an unknown value legitimately decides the rule, with why. Each is a property a preview
 * leaves unknown only when the program computes it, which is itself the evidence the rule needs.
 */
const DECIDED_BY_UNKNOWN: Record<string, string> = {
    "api-key-not-hardcoded value": "an API key value unknown during preview comes from a generator, a secret or another resource: it is not written in the program",
    "execute-api-invoke-scoped policy": "an IAM policy document unknown during preview is judged only when it is built from an API's outputs; other "
        + "unknown documents are about other services, and the rule judges them at `up`, when their values are known",
};

describe("unknown values, rule by rule and path by path", () => {
    test("an unknown never fails what the known value passes, never hides a finding silently, and is never printed", async () => {
        const surfaceStack: Resource[] = [openApiRest("rest", "openapi3", false), openApiHttp("http", "openapi3", false), quickCreate("quick")];
        const compliant = await canonicalCompliantStack({});
        const problems: string[] = [];
        let variants = 0;
        for (const rule of catalog) {
            const mutation = MUTATIONS[rule.id];
            const stacks = [compliant, await canonicalCompliantStack(mutation.knobs ?? {}), surfaceStack];
            const configured = mutation.config?.[rule.id];
            const settings = { ...settingsFor(rule as Rule, typeof configured === "object" ? { properties: configured as Props } : undefined), level: "mandatory" as const };
            const evaluator = new Evaluator([rule]);
            const evaluate = (resources: Resource[]) => evaluator.evaluateGraph(new Graph(resources), { settings: () => settings, waivers: NO_WAIVERS });
            for (const stack of stacks) {
                // Which paths of which resources the rule reads.
                const reads = new Map<number, Set<string>>();
                let recordingOn = false;
                const recorded = stack.map((resource, index) => rebuild(resource, recording(resource.props as Props, (path) => {
                    if (recordingOn) {
                        (reads.get(index) ?? reads.set(index, new Set()).get(index)!).add(path);
                    }
                })));
                const graph = new Graph(recorded);
                recordingOn = true;
                const known = evaluator.evaluateGraph(graph, { settings: () => settings, waivers: NO_WAIVERS });
                recordingOn = false;
                for (const [index, paths] of reads) {
                    for (const path of paths) {
                        const steps = JSON.parse(path) as string[];
                        if (DECIDED_BY_UNKNOWN[`${rule.id} ${steps.join(".")}`]) {
                            continue;
                        }
                        variants++;
                        const twin = stack.map((resource, position) => (position === index ? rebuild(resource, withUnknownAt(resource.props as Props, path)) : resource));
                        const results = evaluate(twin);
                        const where = `${rule.id}: ${stack[index].type} ${stack[index].name} ${steps.join(".")} unknown`;
                        for (const result of results) {
                            if (result.kind === "error") {
                                problems.push(`${where}: the rule failed: ${result.message}`);
                            }
                            if (result.kind === "violation" && result.level === "mandatory" && !known.some((twin) => twin.kind === "violation" && sameFinding(result, twin))) {
                                problems.push(`${where}: new mandatory finding "${result.message}" on ${result.resource?.name}`);
                            }
                            if (SENTINEL.test(result.message)) {
                                problems.push(`${where}: the message prints the unknown sentinel: ${result.message}`);
                            }
                        }
                        const erased = known.filter((result) => result.kind === "violation" && !results.some((twin) => twin.kind === "violation" && sameFinding(twin, result)));
                        if (erased.length > 0 && !results.some((result) => result.kind === "unverifiable")) {
                            problems.push(`${where}: "${erased[0].message}" on ${erased[0].resource?.name} disappeared without a notice`);
                        }
                    }
                }
            }
        }
        assert.ok(variants > 1000, `only ${variants} variants were tried`);
        assert.deepEqual([...new Set(problems)], []);
    });
});
