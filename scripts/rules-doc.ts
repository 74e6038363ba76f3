import { CONTROLS } from "../policies/controls";
import type { ConfigProperty, Rule } from "../policies/engine/rule";
import { AREAS } from "../policies/engine/rule";
import { WAIVER_TAG, WAIVERS_POLICY_METADATA } from "../policies/engine/waivers";

const AREA_TITLES: Record<string, string> = {
    "authentication": "Authentication and authorization",
    "encryption": "Encryption in transit and at rest",
    "throttling": "Throttling and quotas",
    "logging": "Logging and monitoring",
    "iam": "Least-privilege IAM",
    "edge-protection": "Edge protection (WAF)",
    "exposure": "Exposure and inventory",
};

const PEERS: [keyof Rule["references"], string][] = [
    ["securityHub", "Security Hub"], ["checkov", "Checkov"], ["trivy", "Trivy/tfsec"], ["kics", "KICS"],
    ["cdkNag", "cdk-nag"], ["awsConfig", "AWS Config"], ["controlTower", "Control Tower"], ["pulumi", "Pulumi"],
];

/** Markdown cells cannot hold pipes or raw newlines. */
function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, "<br>");
}

function configCell(rule: Rule): string {
    const entries = Object.entries(rule.config as Record<string, ConfigProperty>);
    if (entries.length === 0) {
        return "—";
    }
    return entries.map(([key, property]) => `\`${key}\` (default \`${JSON.stringify(property.default)}\`): ${property.description}`).join("<br>");
}

function peerCell(rule: Rule): string {
    const parts = PEERS.flatMap(([key, label]) => {
        const ids = rule.references[key] as readonly string[] | undefined;
        return ids && ids.length > 0 ? [`${label}: ${ids.join(", ")}`] : [];
    });
    return parts.length > 0 ? parts.join("<br>") : "—";
}

/** docs/rules.md, generated from the catalog's metadata. */
export function renderRulesDoc(catalog: readonly Rule[]): string {
    const lines = [
        "# Gatehouse rules",
        "",
        "<!-- Generated from the rule catalog by `npm run docs`. Do not edit by hand: a test fails when this file is stale. -->",
        "",
        `${catalog.length} rules. Each is a CrossGuard policy named by its id: set its level or configuration in the file you pass to `
            + "`pulumi preview --policy-pack-config` (e.g. `{\"stage-throttling\": {\"enforcementLevel\": \"advisory\", \"maxRateLimit\": 2000}}`). "
            + "Scope *resource* rules are checked before a resource is created; *stack* rules read related resources and are checked over the whole stack.",
        "",
    ];
    for (const area of AREAS) {
        const rules = catalog.filter((rule) => rule.area === area).sort((a, b) => a.id.localeCompare(b.id));
        if (rules.length === 0) {
            continue;
        }
        lines.push(`## ${AREA_TITLES[area]}`, "");
        lines.push("| Rule | Severity | Default level | Scope | What it checks | Why | How to fix | Configuration | Controls, OWASP | Peer IDs |");
        lines.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (const rule of rules) {
            const fix = rule.remediate ? `${rule.remediation}<br>Automatic fix with level \`remediate\`.` : rule.remediation;
            lines.push(`| <a id="${rule.id}"></a>\`${rule.id}\`<br>${cell(rule.title)} | ${rule.severity} | ${rule.enforcementLevel} | ${rule.scope} `
                + `| ${cell(rule.description)} | ${cell(rule.rationale)} | ${cell(fix)} | ${cell(configCell(rule))} `
                + `| ${[...rule.references.controls, ...rule.references.owasp].join(", ")} | ${cell(peerCell(rule))} |`);
        }
        lines.push("");
    }
    lines.push(...waiverSection(), ...coverageSection(catalog), ...translationSection(catalog));
    return lines.join("\n");
}

function ruleLinks(rules: readonly Rule[]): string {
    return rules.map((rule) => `[\`${rule.id}\`](#${rule.id})`).join(", ");
}

function waiverSection(): string[] {
    const meta = WAIVERS_POLICY_METADATA;
    return [
        "## Waivers",
        "",
        `Policy \`${meta.id}\` (${meta.enforcementLevel} by default). ${meta.description}`,
        "",
        `- Tag a resource \`${WAIVER_TAG}\` = \`rule-id: reason other-rule: reason\`, or \`${WAIVER_TAG}:rule-id\` = \`reason\` `
            + "(AWS tag values cannot contain `;` or `,`).",
        `- Or configure: \`{"${meta.id}": {"waivers": [{"rule": "rule-id", "resource": "name, URN or Terraform address (* matches anything)", "reason": "…"}]}}\`.`,
        "",
        "A waived finding is still reported, as advisory, with its reason. " + meta.rationale,
        "",
    ];
}

function coverageSection(catalog: readonly Rule[]): string[] {
    const lines = [
        "## Coverage of the rule landscape",
        "",
        "Every control the peers check (C1–C24) and every control none of them checks, with the rules that implement it.",
        "",
        "| Control | What | Rules |",
        "| --- | --- | --- |",
    ];
    for (const control of CONTROLS) {
        const rules = catalog.filter((rule) => rule.references.controls.includes(control.id));
        lines.push(`| ${control.id.replace(/^nobody:/, "none checks: ")} | ${cell(control.title)} | ${ruleLinks(rules)} |`);
    }
    lines.push("");
    return lines;
}

function translationSection(catalog: readonly Rule[]): string[] {
    const lines = [
        "## Translating peers' suppressions",
        "",
        "A suppression of a peer's check becomes a waiver of these rules.",
        "",
        "| Peer | Check | Gatehouse rules |",
        "| --- | --- | --- |",
    ];
    for (const [key, label] of PEERS) {
        const byId = new Map<string, Rule[]>();
        for (const rule of catalog) {
            for (const id of (rule.references[key] as readonly string[] | undefined) ?? []) {
                byId.set(id, [...(byId.get(id) ?? []), rule]);
            }
        }
        for (const [id, rules] of [...byId].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))) {
            lines.push(`| ${label} | ${id} | ${ruleLinks(rules)} |`);
        }
    }
    lines.push("");
    return lines;
}
