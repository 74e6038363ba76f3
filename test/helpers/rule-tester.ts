/**
 * A canonical-level rule tester in the style of ESLint's RuleTester: each case is a set of
 * canonical resources (the engine's own model, as every front end produces it), and a case
 * passes only when exactly the expected findings arrive, with their resource, path, message,
 * level and kind. It runs in-process: protocol behaviour is tested by the gRPC suites.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { settingsFor } from "../../policies/engine/config";
import { Evaluator, NO_WAIVERS, Result } from "../../policies/engine/evaluate";
import { makeResource, Origin, Resource } from "../../policies/engine/resource";
import type { Rule } from "../../policies/engine/rule";

export interface ExpectedFinding {
    /** The resource's name (what the user wrote). */
    readonly resource: string;
    readonly path?: string;
    readonly message: string;
    /** Default: mandatory for violations, advisory for the rest. */
    readonly level?: "mandatory" | "advisory";
    /** Default: violation. */
    readonly kind?: Result["kind"];
    readonly endpoint?: string;
}

export interface TesterCase {
    /** "Compliance …" or "Noncompliance N: …". */
    readonly name: string;
    readonly resources: readonly Resource[] | (() => readonly Resource[]);
    /** The rule's configuration (its level under `enforcementLevel`). */
    readonly config?: Record<string, unknown> & { enforcementLevel?: "advisory" | "mandatory" | "disabled" };
}

export interface InvalidCase extends TesterCase {
    readonly errors: readonly ExpectedFinding[];
}

/** What a result says, in the shape expected findings are written in. */
export function describeResult(result: Result): ExpectedFinding {
    return {
        resource: result.resource?.name ?? "(configuration)",
        ...(result.path !== undefined ? { path: result.path } : {}),
        message: result.message,
        level: result.level,
        kind: result.kind,
        ...(result.endpoint !== undefined ? { endpoint: result.endpoint } : {}),
    };
}

/** Every finding of `rule` over `resources` (declared and resource-scope rules alike), as a scanner evaluates them. */
export function evaluateRule(rule: Rule, resources: readonly Resource[], config?: TesterCase["config"]): Result[] {
    const { enforcementLevel, ...properties } = config ?? {};
    const settings = settingsFor(rule, config ? { enforcementLevel: enforcementLevel ?? rule.enforcementLevel, properties } : undefined);
    return new Evaluator([rule]).evaluateAll(resources, { settings: () => settings, waivers: NO_WAIVERS });
}

function normalise(expected: ExpectedFinding): ExpectedFinding {
    const kind = expected.kind ?? "violation";
    return {
        resource: expected.resource,
        ...(expected.path !== undefined ? { path: expected.path } : {}),
        message: expected.message,
        level: expected.level ?? (kind === "violation" ? "mandatory" : "advisory"),
        kind,
        ...(expected.endpoint !== undefined ? { endpoint: expected.endpoint } : {}),
    };
}

const order = (a: ExpectedFinding, b: ExpectedFinding) => JSON.stringify(a) < JSON.stringify(b) ? -1 : 1;

export function ruleTester(rule: Rule, cases: { valid: readonly TesterCase[]; invalid: readonly InvalidCase[] }): void {
    describe(rule.id, () => {
        for (const valid of cases.valid) {
            test(valid.name, () => {
                const resources = typeof valid.resources === "function" ? valid.resources() : valid.resources;
                assert.deepEqual(evaluateRule(rule, resources, valid.config).map(describeResult), []);
            });
        }
        for (const invalid of cases.invalid) {
            test(invalid.name, () => {
                const resources = typeof invalid.resources === "function" ? invalid.resources() : invalid.resources;
                const actual = evaluateRule(rule, resources, invalid.config).map(describeResult).sort(order);
                assert.deepEqual(actual, invalid.errors.map(normalise).sort(order));
            });
        }
    });
}

/** Canonical resources for cases, Pulumi-shaped (the canonical model is Pulumi's). */
export function resource(type: string, name: string, props: Record<string, unknown>, extra: {
    refs?: Record<string, readonly string[]>;
    origin?: Origin;
    secrets?: ReadonlySet<string>;
    declared?: ReadonlySet<string>;
} = {}): Resource {
    return makeResource({
        type,
        name,
        id: name,
        props,
        origin: extra.origin ?? { frontEnd: "terraform-config", file: "main.tf.json" },
        refs: extra.refs,
        secrets: extra.secrets,
        declared: extra.declared,
    });
}
