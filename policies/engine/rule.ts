import type { Graph } from "./graph";
import { joinMessages, Message } from "./message";
import type { Resource } from "./resource";

export const AREAS = [
    "authentication", "encryption", "throttling", "logging", "iam", "edge-protection", "exposure",
] as const;
export type Area = (typeof AREAS)[number];

export type Severity = "low" | "medium" | "high" | "critical";
export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** The subset of JSON Schema rule configuration uses (the engine validates config against it). */
export interface ConfigProperty {
    type: "string" | "number" | "integer" | "boolean" | "array" | "object";
    description: string;
    default?: unknown;
    enum?: readonly (string | number)[];
    items?: Omit<ConfigProperty, "description"> & { description?: string };
    minimum?: number;
    maximum?: number;
    pattern?: string;
    properties?: Record<string, Omit<ConfigProperty, "description"> & { description?: string }>;
    additionalProperties?: boolean;
    required?: readonly string[];
}

export interface RuleReferences {
    /** Controls of ../shared/notes/rule-landscape.md this rule implements (C-numbers or "nobody:<item>"). */
    readonly controls: readonly string[];
    /** OWASP API Security Top 10 (2023) categories, e.g. "API2:2023". */
    readonly owasp: readonly string[];
    readonly securityHub?: readonly string[];
    readonly checkov?: readonly string[];
    readonly trivy?: readonly string[];
    readonly kics?: readonly string[];
    readonly cdkNag?: readonly string[];
    readonly awsConfig?: readonly string[];
    readonly controlTower?: readonly string[];
    readonly pulumi?: readonly string[];
    /** Documentation a user can read to fix the finding. */
    readonly docs?: readonly string[];
}

export interface Finding {
    /** The resource the finding is about; defaults to the subject of the check. */
    readonly resource?: Resource;
    /** Property path the finding is about, e.g. `settings.loggingLevel`. */
    readonly path?: string;
    readonly message: Message | string;
    /** Other resources whose values the message may mention (for secret redaction). */
    readonly related?: readonly Resource[];
    /**
     * For `unverifiable`: what decides is a resource the input does not hold (not a value known at
     * apply), so the notice reads "cannot be verified: …", not "… until apply".
     */
    readonly outsideInput?: boolean;
}

export interface RuleContext<C> {
    readonly config: C;
    /** The stack graph (only resources of the subject's own request for resource-scope rules). */
    readonly graph: Graph;
    /** Reports a violation of the rule. */
    report(finding: Finding): void;
    /** Reports that a deciding value is unknown during preview: an advisory finding, never a pass. */
    unverifiable(finding: Finding): void;
}

/**
 * A context for a check that applies only if a condition not known yet holds: whatever it would
 * report becomes a "cannot be verified" notice saying so, so the unknown neither fails the
 * deployment nor hides the finding. `outsideInput`: what decides the condition is a resource the
 * input does not hold (not a value known at apply).
 */
export function ifKnownLater<C>(ctx: RuleContext<C>, condition: Message | string, options: { outsideInput?: boolean } = {}): RuleContext<C> {
    const conditional = (finding: Finding): Finding => ({
        ...finding,
        message: joinMessages(condition, "; if so: ", finding.message),
        ...(options.outsideInput ? { outsideInput: true } : {}),
    });
    return {
        config: ctx.config,
        graph: ctx.graph,
        report: (finding) => ctx.unverifiable(conditional(finding)),
        unverifiable: (finding) => ctx.unverifiable(conditional(finding)),
    };
}

export interface RemediationContext<C> {
    readonly config: C;
    /** Canonical type of the resource being remediated. */
    readonly type: string;
}

export interface RuleDefinition<C extends object = Record<string, never>> {
    /** Stable kebab-case identity; equals the rule's file name. */
    readonly id: string;
    readonly title: string;
    /** What the rule checks, one or two sentences (the policy description users see). */
    readonly description: string;
    /** Why it matters. */
    readonly rationale: string;
    /** How to fix a violation. */
    readonly remediation: string;
    readonly area: Area;
    readonly severity: Severity;
    /** The default level; "disabled" for rules an organisation opts into. */
    readonly enforcementLevel: "advisory" | "mandatory" | "disabled";
    /**
     * `resource`: reads only the subject (a Pulumi resource policy, run before the resource is
     * created). `stack`: reads related resources through the graph (a stack policy).
     */
    readonly scope: "resource" | "stack";
    /** Canonical types the check is invoked for. */
    readonly subjects: readonly string[];
    /** Other canonical types the check reads through the graph (documentation and front-end mappings). */
    readonly reads?: readonly string[];
    /**
     * The check reads `Resource.declared` (which properties the user set, as opposed to computed
     * outputs): front ends whose stack view holds outputs only remember it for the subjects.
     */
    readonly readsDeclared?: boolean;
    readonly config: { readonly [K in keyof C]: ConfigProperty };
    readonly references: RuleReferences;
    check(subject: Resource, ctx: RuleContext<C>): void;
    /** Types the remediation applies to (default: the subjects). */
    readonly remediates?: readonly string[];
    /**
     * Optional safe automatic fix: mutate `props` (canonical form) in place and return true when
     * something changed. Mutating in place keeps secret inputs secret in the Pulumi front end.
     */
    remediate?(props: Record<string, unknown>, ctx: RemediationContext<C>): boolean;
}

export type Rule = RuleDefinition<any>;

const ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Declares a rule; validates the declaration so a malformed rule fails at load, not in a stack. */
export function defineRule<C extends object = Record<string, never>>(rule: RuleDefinition<C>): RuleDefinition<C> {
    if (!ID_PATTERN.test(rule.id)) {
        throw new Error(`rule id "${rule.id}" must be kebab-case`);
    }
    if (rule.subjects.length === 0) {
        throw new Error(`rule ${rule.id} declares no subject types`);
    }
    for (const [key, property] of Object.entries(rule.config) as [string, ConfigProperty][]) {
        if (!("default" in property)) {
            throw new Error(`rule ${rule.id}: config "${key}" has no default`);
        }
        if (key === "enforcementLevel") {
            throw new Error(`rule ${rule.id}: "enforcementLevel" is reserved`);
        }
    }
    return rule;
}
