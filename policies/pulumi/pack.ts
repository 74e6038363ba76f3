import type {
    Policy, PolicyPackArgs, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { settingsFor } from "../engine/config";
import { Evaluator, Result } from "../engine/evaluate";
import { Graph } from "../engine/graph";
import type { ConfigProperty, Rule } from "../engine/rule";
import { fromAnalyzeArgs, fromStackResource, StackResourceLike } from "./adapter";
import { configuredPolicies } from "./sdk-bridge";

export const RESOURCE_DISPATCHER = "gatehouse-resource-rules";
export const STACK_DISPATCHER = "gatehouse-stack-rules";

/** The violation shape @pulumi/policy >= 1.20 accepts, reporting under another policy's name. */
interface NamedViolation {
    name: string;
    description: string;
    message: string;
    urn?: string;
    enforcementLevel: "advisory" | "mandatory";
    severity: Rule["severity"];
}

function configSchemaOf(rule: Rule): { properties: Record<string, any> } | undefined {
    const entries = Object.entries(rule.config as Record<string, ConfigProperty>);
    if (entries.length === 0) {
        return undefined;
    }
    return { properties: Object.fromEntries(entries.map(([key, property]) => [key, { ...property }])) };
}

function metadataPolicy(rule: Rule): Policy {
    const owasp = rule.references.owasp;
    return {
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
}

function remediationPolicy(rule: Rule): ResourceValidationPolicy {
    const remediate = rule.remediate!;
    return {
        ...(metadataPolicy(rule) as ResourceValidationPolicy),
        // An empty validation list makes this a resource policy the SDK skips in Analyze at no
        // cost; the dispatchers report the rule's violations.
        validateResource: [],
        remediateResource: (args) => {
            if (!rule.subjects.includes(args.type)) {
                return undefined;
            }
            const { config } = settingsFor(rule, configuredPolicies()?.get(rule.id));
            try {
                // args.props preserves secrecy on writes; mutate it in place.
                return remediate(args.props, { config, type: args.type }) ? args.props : undefined;
            } catch (error) {
                if (error instanceof Error && error.name === "UnknownValueError") {
                    throw error;
                }
                // A failed fix leaves the resource as it was; Analyze still reports the violation.
                return undefined;
            }
        },
    };
}

function toViolation(rule: Rule, result: Result): NamedViolation {
    return {
        name: rule.id,
        description: rule.description,
        message: `${rule.description}\n${result.message}`,
        urn: result.resource.id,
        enforcementLevel: result.level,
        severity: rule.severity,
    };
}

/**
 * The pack's policies: one per rule (metadata, level and configuration the engine reconciles;
 * remediations for rules that have one) and two dispatchers that evaluate the catalog, the
 * resource rules before each resource is created and the stack rules over the whole stack.
 */
export function buildPolicyPackArgs(rules: readonly Rule[]): PolicyPackArgs {
    const evaluator = new Evaluator(rules);
    const byId = new Map(rules.map((rule) => [rule.id, rule]));
    const settings = (rule: Rule) => settingsFor(rule, configuredPolicies()?.get(rule.id));
    const report = (reportViolation: ReportViolation, results: Result[]) => {
        for (const result of results) {
            (reportViolation as unknown as (violation: NamedViolation) => void)(toViolation(byId.get(result.ruleId)!, result));
        }
    };

    const resourceDispatcher: ResourceValidationPolicy = {
        name: RESOURCE_DISPATCHER,
        description: "Evaluates Gatehouse's single-resource rules (each reported under its own rule name).",
        enforcementLevel: "mandatory",
        validateResource: (args: ResourceValidationArgs, reportViolation) => {
            if (!evaluator.hasResourceRulesFor(args.type)) {
                return;
            }
            report(reportViolation, evaluator.evaluateResource(fromAnalyzeArgs(args), settings));
        },
    };
    const stackDispatcher: StackValidationPolicy = {
        name: STACK_DISPATCHER,
        description: "Evaluates Gatehouse's cross-resource rules (each reported under its own rule name).",
        enforcementLevel: "mandatory",
        validateStack: (args: StackValidationArgs, reportViolation) => {
            const resources = args.resources.map((resource) => fromStackResource(resource as unknown as StackResourceLike));
            report(reportViolation, evaluator.evaluateStack(new Graph(resources), settings));
        },
    };

    return {
        policies: [
            ...rules.map((rule) => (rule.remediate ? remediationPolicy(rule) : metadataPolicy(rule))),
            resourceDispatcher,
            stackDispatcher,
        ],
        description: "Gatehouse: deploy-time security for AWS API Gateway.",
    };
}

