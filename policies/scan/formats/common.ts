/** What every output format needs to say about a finding, its rule and its place. */
import { escapeControl } from "../../engine/message";
import type { Resource } from "../../engine/resource";
import type { Rule } from "../../engine/rule";
import { WAIVERS_POLICY, WAIVERS_POLICY_METADATA } from "../../engine/waivers";
import { inTerraformWords, speaksTerraform, terraformPath } from "../../terraform/vocabulary";
import type { ScanFinding, ScanOutcome } from "../scan";

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
    return resource ? escapeControl(resource.id) : "(configuration)";
}

/** A finding's message in its user's words (Terraform's for Terraform and CDKTF inputs). */
export function shownMessage(finding: { resource?: Resource; message: string }): string {
    return speaksTerraform(finding.resource) ? inTerraformWords(finding.message) : finding.message;
}

/** A finding's property path in its user's words, as printed (map keys in it are the user's text). */
export function shownPath(finding: { resource?: Resource; path?: string }): string | undefined {
    if (finding.path === undefined) {
        return undefined;
    }
    return pathText(speaksTerraform(finding.resource) ? terraformPath(finding.resource!.id, finding.path) : finding.path);
}

/** A finding's property path as printed: map keys in it are the user's text. */
export function pathText(path: string | undefined): string | undefined {
    return path === undefined ? undefined : escapeControl(path);
}

/** The line a finding points at: the property's own line where the source gives it, else the resource's. */
export function findingLine(finding: { resource?: Resource; path?: string }): number | undefined {
    const origin = finding.resource?.origin;
    // Only HCL knows property lines; everything else has the resource's line alone.
    if (!origin?.propertyLines || finding.path === undefined) {
        return origin?.line;
    }
    const property = /^[^.#[]*/.exec(finding.path)![0];
    return origin.propertyLines.get(property) ?? origin.line;
}

export type Status = "failing" | "advisory" | "unverifiable" | "error" | "waived";

/**
 * How a finding reads to a user: a mandatory violation ("failing"), advice, a notice, a rule
 * error, or waived. It follows the finding's level only: `--fail-on` decides the exit code, never
 * what a finding is shown as.
 */
export function status(finding: ScanFinding, _outcome?: ScanOutcome): Status {
    if (finding.waived) {
        return "waived";
    }
    if (finding.kind === "unverifiable") {
        return "unverifiable";
    }
    if (finding.kind === "error") {
        return "error";
    }
    return finding.level === "mandatory" ? "failing" : "advisory";
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
    const findings = outcome.findings;
    for (let i = 0; i < findings.length; i++) {
        counts[status(findings[i], outcome)]++;
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

/**
 * Findings in a stable order: by input; within an input by file and line, then in the input's own
 * order (Terraform plans list resources by address); a resource's findings together, by rule and
 * path; configuration-level findings first.
 */
export function ordered(outcome: ScanOutcome): ScanFinding[] {
    // Every resource gets a slot number once, and findings are bucketed by slot: 100k findings are
    // placed without comparing strings, and only a resource's own few findings are compared.
    const slotOfInput = new Map<string, number>();
    const slotOfResource = new Map<Resource, number>();
    let slot = 0;
    for (const input of outcome.inputs) {
        slotOfInput.set(input.path, slot++);
        const resources = input.resources;
        const byPlace = (a: number, b: number) => {
            const first = resources[a].origin;
            const second = resources[b].origin;
            return compare(first.file ?? "", second.file ?? "") || (first.line ?? 0) - (second.line ?? 0) || a - b;
        };
        const positions = resources.map((_, index) => index);
        // A plan's resources share one file and no line: already in order, and 100k need no sort.
        if (positions.some((position) => position > 0 && byPlace(position - 1, position) > 0)) {
            positions.sort(byPlace);
        }
        for (let i = 0; i < positions.length; i++) {
            slotOfResource.set(resources[positions[i]], slot++);
        }
    }
    // Indexed loops: a for-of allocates an iterator step per finding until the loop is optimized.
    const findings = outcome.findings;
    const buckets: ScanFinding[][] = [];
    for (let i = 0; i < findings.length; i++) {
        const finding = findings[i];
        const key = (finding.resource ? slotOfResource.get(finding.resource) : undefined) ?? slotOfInput.get(finding.input) ?? 0;
        (buckets[key] ??= []).push(finding);
    }
    const sorted: ScanFinding[] = [];
    for (let b = 0; b < buckets.length; b++) {
        const bucket = buckets[b];
        if (bucket === undefined) {
            continue;
        }
        sortByRuleAndPath(bucket);
        for (let i = 0; i < bucket.length; i++) {
            sorted.push(bucket[i]);
        }
    }
    return sorted;
}

function byRuleAndPath(a: ScanFinding, b: ScanFinding): number {
    return compare(a.ruleId, b.ruleId) || compare(a.path ?? "", b.path ?? "");
}

/** A resource's findings by rule and path: most resources have a few, sorted in place by insertion (a sort call allocates). */
function sortByRuleAndPath(findings: ScanFinding[]): void {
    if (findings.length > 16) {
        findings.sort(byRuleAndPath);
        return;
    }
    for (let i = 1; i < findings.length; i++) {
        const finding = findings[i];
        let j = i - 1;
        for (; j >= 0 && byRuleAndPath(findings[j], finding) > 0; j--) {
            findings[j + 1] = findings[j];
        }
        findings[j + 1] = finding;
    }
}
