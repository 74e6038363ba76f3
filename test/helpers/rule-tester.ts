/**
 * A canonical-level rule tester in the style of ESLint's RuleTester: each case is a set of
 * canonical resources (the engine's own model, as every front end produces it), and a case
 * passes only when exactly the expected findings arrive, with their resource, path, message,
 * level and kind. It runs in-process: protocol behaviour is tested by the gRPC suites.
 */
import assert from "node:assert/strict";
import { appendFileSync } from "node:fs";
import { describe, test } from "node:test";
import { settingsFor } from "../../policies/engine/config";
import { Evaluator, NO_WAIVERS, Result } from "../../policies/engine/evaluate";
import { makeResource, Origin, Resource } from "../../policies/engine/resource";
import type { Rule } from "../../policies/engine/rule";
import { CanonicalStack, Mode, MODES } from "../canonical/stack";

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
    /**
     * The resources: a list, or a builder over a canonical stack, which runs in `up` (outputs
     * known) and in `preview` (computed outputs unknown) unless `modes` says otherwise.
     */
    readonly resources: readonly Resource[] | (() => readonly Resource[]) | ((stack: CanonicalStack) => unknown);
    readonly modes?: readonly Mode[];
    /** The rule's configuration (its level under `enforcementLevel`). */
    readonly config?: Record<string, unknown> & { enforcementLevel?: "advisory" | "mandatory" | "disabled" };
}

export interface InvalidCase extends TesterCase {
    /** The exact findings; per mode where a preview differs. */
    readonly errors: readonly ExpectedFinding[] | Readonly<Record<Mode, readonly ExpectedFinding[]>>;
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

function build(testerCase: TesterCase, mode: Mode): readonly Resource[] {
    const resources = testerCase.resources;
    if (typeof resources !== "function") {
        return resources;
    }
    const stack = new CanonicalStack(mode);
    const built = (resources as (stack: CanonicalStack) => unknown)(stack);
    return Array.isArray(built) && stack.resources.length === 0 ? built as Resource[] : stack.resources;
}

/** A case built over a stack runs in both modes; a fixed list once. */
function modesOf(testerCase: TesterCase): readonly (Mode | undefined)[] {
    if (testerCase.modes) {
        return testerCase.modes;
    }
    return typeof testerCase.resources === "function" && testerCase.resources.length === 1 ? MODES : [undefined];
}

export function ruleTester(rule: Rule, cases: { valid: readonly TesterCase[]; invalid: readonly InvalidCase[] }): void {
    describe(rule.id, () => {
        for (const valid of cases.valid) {
            for (const mode of modesOf(valid)) {
                test(mode ? `${valid.name} (${mode})` : valid.name, () => {
                    assert.deepEqual(evaluateRule(rule, build(valid, mode ?? "up"), valid.config).map(describeResult), []);
                });
            }
        }
        for (const invalid of cases.invalid) {
            for (const mode of modesOf(invalid)) {
                test(mode ? `${invalid.name} (${mode})` : invalid.name, () => {
                    const actual = evaluateRule(rule, build(invalid, mode ?? "up"), invalid.config).map(describeResult).sort(order);
                    const record = process.env["GATEHOUSE_RECORD_FINDINGS"];
                    if (record) {
                        // For writing a case: what the rule says now (one JSON line per case and mode), to review.
                        appendFileSync(record, `${JSON.stringify({ name: invalid.name, mode: mode ?? "up", actual })}\n`);
                    }
                    const errors = Array.isArray(invalid.errors) ? invalid.errors : (invalid.errors as Record<Mode, readonly ExpectedFinding[]>)[mode ?? "up"];
                    assert.deepEqual(actual, errors.map(normalise).sort(order));
                });
            }
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
