import type {
    Policy, PolicyPackArgs, ReportViolation, ResourceValidationPolicy, StackValidationPolicy,
} from "@pulumi/policy";
import { cachedSettings, PolicyConfig, settingsFor } from "../engine/config";
import { EvaluationContext, Evaluator, Result } from "../engine/evaluate";
import { Graph } from "../engine/graph";
import type { ConfigProperty, Rule } from "../engine/rule";
import { BridgeHooks, configuredPolicies, configurationProblem, isBridged, Violation } from "./sdk-bridge";
import { isUnknownValueError } from "../engine/values";
import { readWaiverEntries, WAIVER_TAG, WaiverSettings, WAIVERS_POLICY, WAIVERS_POLICY_METADATA, WaiverUsage } from "../engine/waivers";
import { fromPolicyArgs, hasWaiverTag, PolicyArgsLike, propertyNames, UndecodableProperties, WireResource } from "./wire";

export const RESOURCE_DISPATCHER = "gatehouse-resource-rules";
export const STACK_DISPATCHER = "gatehouse-stack-rules";

function configSchemaOf(rule: Rule): { properties: Record<string, any> } | undefined {
    const entries = Object.entries(rule.config as Record<string, ConfigProperty>);
    if (entries.length === 0) {
        return undefined;
    }
    return { properties: Object.fromEntries(entries.map(([key, property]) => [key, { ...property }])) };
}

/** The policy that represents a rule: what the engine configures and Pulumi Cloud lists. */
function rulePolicy(rule: Rule): Policy {
    const owasp = rule.references.owasp;
    const policy = {
        name: rule.id,
        displayName: rule.title,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        severity: rule.severity,
        configSchema: configSchemaOf(rule),
        framework: owasp.length > 0
            ? { name: "OWASP API Security Top 10", version: "2023", reference: owasp.join(", "), specification: rule.rationale }
            : undefined,
        tags: [rule.area, ...rule.references.controls],
        remediationSteps: rule.remediation,
        url: rule.references.docs?.[0],
    } as Policy;
    const remediate = rule.remediate;
    if (!remediate) {
        return policy;
    }
    return {
        ...policy,
        // An empty validation list makes this a resource policy that costs nothing in Analyze;
        // the catalog's evaluation reports the rule's violations.
        validateResource: [],
        remediateResource: (args) => {
            if (!(rule.remediates ?? rule.subjects).includes(args.type)) {
                return undefined;
            }
            const { config } = settingsFor(rule, configuredPolicies()?.get(rule.id));
            try {
                // args.props preserves secrecy on writes; mutating it in place keeps secrets secret.
                return remediate(args.props, { config, type: args.type }) ? args.props : undefined;
            } catch (error) {
                // The SDK turns an unknown read into "can't run remediation during preview".
                if (isUnknownValueError(error)) {
                    throw error;
                }
                // A failed fix leaves the resource as it was; Analyze still reports the violation.
                return undefined;
            }
        },
    } as ResourceValidationPolicy;
}

/** The waivers policy: configured like a rule, it reports waivers without a reason. */
function waiversPolicy(): Policy {
    const meta = WAIVERS_POLICY_METADATA;
    return {
        name: meta.id,
        displayName: meta.title,
        description: meta.description,
        enforcementLevel: meta.enforcementLevel,
        severity: meta.severity,
        configSchema: { properties: { waivers: { ...meta.config.waivers } } },
        tags: ["waivers"],
        remediationSteps: meta.remediation,
    } as Policy;
}

/** Waiver settings from the engine's configuration, recomputed only when it changes. */
function cachedWaivers(lookup: () => PolicyConfig | undefined): () => WaiverSettings {
    let source: PolicyConfig | undefined | null = null;
    let settings: WaiverSettings = { level: WAIVERS_POLICY_METADATA.enforcementLevel, entries: [] };
    return () => {
        const current = lookup();
        if (current !== source) {
            source = current;
            settings = {
                level: current?.enforcementLevel ?? WAIVERS_POLICY_METADATA.enforcementLevel,
                entries: readWaiverEntries(current?.properties?.["waivers"]),
            };
        }
        return settings;
    };
}

export interface BuiltPack {
    readonly args: PolicyPackArgs;
    readonly hooks: BridgeHooks;
    /** Drops the SDK-side dispatchers once the bridge evaluates the catalog. */
    retireDispatchers(): void;
}

/**
 * The pack: one policy per rule, evaluation hooks for the engine bridge, and two dispatcher
 * policies that evaluate through @pulumi/policy when the bridge cannot take hold.
 */
export function buildPack(rules: readonly Rule[], pack: { name: string; version: string }): BuiltPack {
    const evaluator = new Evaluator(rules);
    const byId = new Map(rules.map((rule) => [rule.id, rule]));
    const settings = cachedSettings((rule) => configuredPolicies()?.get(rule.id));
    const waivers = cachedWaivers(() => configuredPolicies()?.get(WAIVERS_POLICY));
    // Waivers used by this operation's Analyze calls and its AnalyzeStack, which reports the unused ones and ends it.
    let waiverUsage = new WaiverUsage();
    const context = (): EvaluationContext => ({ settings, waivers: waivers(), waiverUsage });
    const evaluateStack = (graph: Graph): Result[] => {
        const evaluation = context();
        try {
            return [...evaluator.evaluateStack(graph, evaluation), ...evaluator.unusedTagWaivers(graph, evaluation), ...evaluator.unusedConfigWaivers(evaluation)];
        } finally {
            waiverUsage = new WaiverUsage();
        }
    };
    const toViolation = (result: Result): Violation => {
        const rule = byId.get(result.ruleId);
        const description = rule?.description ?? WAIVERS_POLICY_METADATA.description;
        const detail = result.waived ? `waived (${result.waived.source}: ${result.waived.reason}): ${result.message}` : result.message;
        return {
            policyName: result.ruleId,
            description,
            // The fix on a line of its own: the finding's line stays what it was.
            message: result.fix ? `${description}\n${detail}\nfix: ${result.fix}` : `${description}\n${detail}`,
            urn: result.resource?.id ?? "",
            enforcementLevel: result.level,
            severity: rule?.severity ?? WAIVERS_POLICY_METADATA.severity,
        };
    };
    const guarded = (dispatcher: string, urn: string, evaluate: () => Result[]): Violation[] => {
        try {
            return evaluate().map(toViolation);
        } catch (error) {
            // Rules cannot throw out of the evaluator; this is reading the request itself failing.
            const message = error instanceof UndecodableProperties
                ? `Gatehouse could not read the request: ${error.message}; no rule was evaluated for it.`
                : `Gatehouse could not read the request (${error instanceof Error ? error.name : typeof error}); `
                    + "no rule was evaluated for it. This is a Gatehouse bug: please report it.";
            return [{
                policyName: dispatcher,
                description: "Gatehouse could not read the request.",
                message,
                urn,
                enforcementLevel: "advisory",
                severity: "high",
            }];
        }
    };

    // AnalyzeStack carries outputs only: which properties were inputs is remembered from Analyze.
    const declaredInputs = new Map<string, ReadonlySet<string>>();
    const hooks: BridgeHooks = {
        packName: pack.name,
        packVersion: pack.version,
        analyze(request) {
            if (evaluator.declaredInputTypes.has(request.getType())) {
                declaredInputs.set(request.getUrn(), new Set(propertyNames(request)));
            }
            if (!evaluator.hasResourceRulesFor(request.getType()) && !hasWaiverTag(request, WAIVER_TAG)) {
                return [];
            }
            return guarded(RESOURCE_DISPATCHER, request.getUrn(), () => evaluator.evaluateResource(new WireResource(request), context()));
        },
        analyzeStack(request) {
            const problem = configurationProblem();
            const unconfigured: Violation[] = problem === undefined ? [] : [{
                policyName: STACK_DISPATCHER,
                description: "Gatehouse could not take its configuration.",
                message: `Gatehouse could not take its configuration: ${problem}.`,
                urn: "",
                enforcementLevel: "advisory",
                severity: "high",
            }];
            return [...unconfigured, ...guarded(STACK_DISPATCHER, "", () => {
                const resources = request.getResourcesList().map((message: any) => new WireResource(message, declaredInputs.get(message.getUrn())));
                return evaluateStack(new Graph(resources));
            })];
        },
    };

    const report = (reportViolation: ReportViolation, violations: Violation[]) => {
        for (const violation of violations) {
            // @pulumi/policy >= 1.20 accepts a violation object reporting under another policy's name.
            (reportViolation as unknown as (v: object) => void)({
                name: violation.policyName,
                description: violation.description,
                message: violation.message,
                urn: violation.urn,
                enforcementLevel: violation.enforcementLevel,
                severity: violation.severity,
            });
        }
    };
    const resourceDispatcher: ResourceValidationPolicy = {
        name: RESOURCE_DISPATCHER,
        description: "Evaluates Gatehouse's single-resource rules when the engine bridge is unavailable.",
        enforcementLevel: "mandatory",
        validateResource: (args, reportViolation) => {
            if (isBridged()) {
                return;
            }
            report(reportViolation, guarded(RESOURCE_DISPATCHER, args.urn,
                () => evaluator.evaluateResource(fromPolicyArgs(args as unknown as PolicyArgsLike), context())));
        },
    };
    const stackDispatcher: StackValidationPolicy = {
        name: STACK_DISPATCHER,
        description: "Evaluates Gatehouse's cross-resource rules when the engine bridge is unavailable.",
        enforcementLevel: "mandatory",
        validateStack: (args, reportViolation) => {
            if (isBridged()) {
                return;
            }
            report(reportViolation, guarded(STACK_DISPATCHER, "", () => {
                const resources = args.resources.map((resource) => fromPolicyArgs(resource as unknown as PolicyArgsLike));
                return evaluateStack(new Graph(resources));
            }));
        },
    };

    const policies: Policy[] = [...rules.map(rulePolicy), waiversPolicy(), resourceDispatcher, stackDispatcher];
    return {
        args: { policies: policies as PolicyPackArgs["policies"], description: "Gatehouse: deploy-time security for AWS API Gateway." },
        hooks,
        retireDispatchers() {
            // @pulumi/policy keeps the array it was given; removing the dispatchers saves the SDK
            // deserializing every resource for them and keeps them out of the policy list.
            for (const name of [RESOURCE_DISPATCHER, STACK_DISPATCHER]) {
                const index = policies.findIndex((policy) => policy.name === name);
                if (index >= 0) {
                    policies.splice(index, 1);
                }
            }
        },
    };
}
