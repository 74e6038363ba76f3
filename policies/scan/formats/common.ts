/** What every output format needs to say about a finding, its rule and its place. */
import type { Resource } from "../../engine/resource";
import type { Rule } from "../../engine/rule";
import { WAIVERS_POLICY, WAIVERS_POLICY_METADATA } from "../../engine/waivers";
import type { ScanFinding, ScanOutcome } from "../scan";
import { fails } from "../scan";

export const TOOL_NAME = "gatehouse";

/** The waivers policy described like a rule, so formats can list it. */
export interface RuleSummary {
    readonly id: string;
    readonly title: string;
    readonly description: string;
    readonly remediation: string;
    readonly severity: string;
    readonly area: string;
    readonly helpUri?: string;
    readonly tags: readonly string[];
}

export function ruleSummaries(rules: readonly Rule[]): RuleSummary[] {
    return [
        ...rules.map((rule) => ({
            id: rule.id,
            title: rule.title,
            description: rule.description,
            remediation: rule.remediation,
            severity: rule.severity,
            area: rule.area,
            helpUri: rule.references.docs?.[0],
            tags: [rule.area, ...rule.references.owasp, ...rule.references.controls],
        })),
        {
            id: WAIVERS_POLICY,
            title: WAIVERS_POLICY_METADATA.title,
            description: WAIVERS_POLICY_METADATA.description,
            remediation: WAIVERS_POLICY_METADATA.remediation,
            severity: WAIVERS_POLICY_METADATA.severity,
            area: "waivers",
            tags: ["waivers"],
        },
    ];
}

/** The address users know a resource by: the Terraform address or the Pulumi URN. */
export function address(resource: Resource | undefined): string {
    return resource?.id ?? "(configuration)";
}

export type Status = "failing" | "advisory" | "unverifiable" | "error" | "waived";

/** How a finding reads to a user: it fails the scan, it is advice, a notice, a rule error, or waived. */
export function status(finding: ScanFinding, outcome: ScanOutcome): Status {
    if (finding.waived) {
        return "waived";
    }
    if (finding.kind === "unverifiable") {
        return "unverifiable";
    }
    if (finding.kind === "error") {
        return "error";
    }
    return fails(finding, outcome.failOn) ? "failing" : "advisory";
}

export interface Summary {
    readonly inputs: number;
    readonly resources: number;
    readonly failing: number;
    readonly advisory: number;
    readonly unverifiable: number;
    readonly errors: number;
    readonly waived: number;
}

export function summarize(outcome: ScanOutcome): Summary {
    const counts = { failing: 0, advisory: 0, unverifiable: 0, error: 0, waived: 0 };
    for (const finding of outcome.findings) {
        counts[status(finding, outcome)]++;
    }
    return {
        inputs: outcome.inputs.length,
        resources: outcome.inputs.reduce((total, input) => total + input.resources.length, 0),
        failing: counts.failing,
        advisory: counts.advisory,
        unverifiable: counts.unverifiable,
        errors: counts.error,
        waived: counts.waived,
    };
}

/** Code-unit order: stable across locales, and much cheaper than localeCompare on 100k findings. */
function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** Findings in a stable order: by input, then file and line, then address, then rule and path. */
export function ordered(outcome: ScanOutcome): ScanFinding[] {
    // Resources are ranked once; findings then sort on numbers first (100k findings, few strings compared).
    const resources = new Set<Resource>();
    for (const finding of outcome.findings) {
        if (finding.resource) {
            resources.add(finding.resource);
        }
    }
    const inputOrder = new Map(outcome.inputs.map((input, index) => [input.path, index]));
    const rank = new Map<Resource, number>();
    [...resources].sort((a, b) => compare(a.origin.file ?? "", b.origin.file ?? "") || (a.origin.line ?? 0) - (b.origin.line ?? 0) || compare(a.id, b.id))
        .forEach((resource, index) => rank.set(resource, index + 1));
    return [...outcome.findings].sort((a, b) =>
        (inputOrder.get(a.input) ?? 0) - (inputOrder.get(b.input) ?? 0)
        || (a.resource ? rank.get(a.resource)! : 0) - (b.resource ? rank.get(b.resource)! : 0)
        || compare(a.ruleId, b.ruleId)
        || compare(a.path ?? "", b.path ?? ""));
}
