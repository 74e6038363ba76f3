/**
 * SARIF 2.1.0 output, for code-scanning dashboards: every rule with its help text and link, results
 * located at file and line where the input knows them (HCL sources; a plan only knows its own
 * file), and waived findings as accepted suppressions rather than dropped.
 */
import { createHash } from "node:crypto";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { ScanFinding, ScanOutcome } from "../scan";
import { address, findingLine, ordered, ruleSummaries, shownMessage, shownPath, status, TOOL_NAME } from "./common";

const SECURITY_SEVERITY: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

/** A file path as a SARIF artifact URI: relative to the working directory when inside it, else a file URI. */
export function artifactUri(file: string, cwd = process.cwd()): string {
    const relative = path.relative(cwd, path.resolve(cwd, file));
    const inside = relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
    return inside ? relative.split(path.sep).map(encodeURIComponent).join("/") : pathToFileURL(path.resolve(cwd, file)).href;
}

function location(finding: ScanFinding) {
    const origin = finding.resource?.origin;
    const uri = artifactUri(origin?.file ?? finding.input);
    const line = findingLine(finding);
    return {
        physicalLocation: {
            artifactLocation: { uri, ...(uri.startsWith("file:") ? {} : { uriBaseId: "%SRCROOT%" }) },
            ...(line ? { region: { startLine: line } } : {}),
        },
        logicalLocations: [{ fullyQualifiedName: address(finding.resource), kind: "resource" }],
    };
}

function pascal(title: string): string {
    return title.replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? "").toUpperCase()).replace(/^./, (first) => first.toUpperCase());
}

export function renderSarif(outcome: ScanOutcome, version: string, levelOf: (ruleId: string) => string): string {
    // Inputs that could not be read (errors), and what a read input holds that was not scanned (warnings).
    const notifications = [
        ...outcome.inputErrors.map((error) => ({
            level: "error",
            message: { text: error.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(error.file) } } }],
        })),
        ...outcome.inputs.flatMap((input) => (input.notices ?? []).map((notice) => ({
            level: "warning",
            message: { text: notice },
            locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(input.path) } } }],
        }))),
    ];
    const rules = ruleSummaries(outcome.rules);
    const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
    const results = ordered(outcome).map((finding) => {
        const failing = finding.kind === "violation" || finding.kind === "waiver";
        return {
            ruleId: finding.ruleId,
            ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
            // SARIF: a result whose kind is not "fail" has level "none".
            kind: failing ? "fail" : finding.kind === "unverifiable" ? "open" : "review",
            // A waived finding's level is advisory (the evaluator lowers it), so it is a suppressed warning.
            level: !failing ? "none" : status(finding, outcome) === "failing" ? "error" : "warning",
            message: { text: `${finding.path ? `${shownMessage(finding)} (${shownPath(finding)})` : shownMessage(finding)}${finding.fix ? ` Fix: ${finding.fix}` : ""}` },
            locations: [location(finding)],
            partialFingerprints: {
                "gatehouseFinding/v1": createHash("sha256").update(`${finding.ruleId}\0${address(finding.resource)}\0${finding.path ?? ""}${finding.endpoint ? `\0${finding.endpoint}` : ""}`).digest("hex"),
            },
            ...(finding.waived
                ? { suppressions: [{ kind: finding.waived.source === "config" ? "external" : "inSource", status: "accepted", justification: finding.waived.reason }] }
                : {}),
        };
    });
    const sarif = {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [{
            tool: {
                driver: {
                    name: TOOL_NAME,
                    version,
                    semanticVersion: version,
                    rules: rules.map((rule) => ({
                        id: rule.id,
                        name: pascal(rule.title),
                        shortDescription: { text: rule.title },
                        fullDescription: { text: rule.description },
                        help: { text: rule.remediation, markdown: `**${rule.title}**\n\n${rule.description}\n\n**Fix:** ${rule.remediation}` },
                        ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
                        defaultConfiguration: { level: levelOf(rule.id) },
                        properties: { tags: ["security", ...rule.tags], "security-severity": SECURITY_SEVERITY[rule.severity] ?? "5.5", precision: "high" },
                    })),
                },
            },
            originalUriBaseIds: { "%SRCROOT%": { uri: `${pathToFileURL(process.cwd()).href}/` } },
            results,
            // An input that could not be read makes the run unsuccessful, each named in a notification.
            invocations: [{
                executionSuccessful: outcome.inputErrors.length === 0,
                ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
            }],
        }],
    };
    return JSON.stringify(sarif, null, 2) + "\n";
}
