/**
 * JUnit XML output, for CI test reports: one test suite per rule, one test case per resource the
 * rule checked. A violation that fails the scan is a failure, an advisory one is a failure too (it
 * is red in the report, but the exit code follows --fail-on); waived and not-yet-verifiable
 * findings are skipped with the reason; a rule that could not evaluate is an error.
 */
import type { Resource } from "../../engine/resource";
import type { ScanFinding, ScanOutcome } from "../scan";
import { address, ruleSummaries, shownMessage, shownPath, status } from "./common";

function escapeXml(text: string): string {
    // Characters XML 1.0 cannot hold at all are dropped; markup characters are escaped.
    return text.replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
        .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

interface Case {
    readonly name: string;
    readonly file?: string;
    readonly line?: number;
    readonly findings: ScanFinding[];
}

function caseKey(input: string, resource: Resource | undefined): string {
    return `${input}\0${address(resource)}`;
}

export function renderJunit(outcome: ScanOutcome): string {
    const suites = new Map<string, Map<string, Case>>();
    const caseFor = (ruleId: string, input: string, resource: Resource | undefined): Case => {
        const cases = suites.get(ruleId) ?? new Map<string, Case>();
        suites.set(ruleId, cases);
        const key = caseKey(input, resource);
        let entry = cases.get(key);
        if (!entry) {
            entry = { name: address(resource), file: resource?.origin.file ?? input, line: resource?.origin.line, findings: [] };
            cases.set(key, entry);
        }
        return entry;
    };
    for (const rule of outcome.activeRules) {
        suites.set(rule.id, new Map());
    }
    const rulesByType = new Map<string, string[]>();
    for (const rule of outcome.activeRules) {
        rule.subjects.forEach((type) => rulesByType.set(type, [...(rulesByType.get(type) ?? []), rule.id]));
    }
    for (const input of outcome.inputs) {
        for (const resource of input.resources) {
            rulesByType.get(resource.type)?.forEach((ruleId) => caseFor(ruleId, input.path, resource));
        }
    }
    for (const finding of outcome.findings) {
        caseFor(finding.ruleId, finding.input, finding.resource).findings.push(finding);
    }
    const titles = new Map(ruleSummaries(outcome.rules).map((rule) => [rule.id, rule.title]));
    const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
    let tests = 0;
    let failures = 0;
    let errors = 0;
    let skipped = 0;
    const body: string[] = [];
    for (const [ruleId, cases] of suites) {
        const suite: string[] = [];
        let suiteFailures = 0;
        let suiteErrors = 0;
        let suiteSkipped = 0;
        for (const entry of cases.values()) {
            const location = entry.file ? ` file="${escapeXml(entry.file)}"${entry.line ? ` line="${entry.line}"` : ""}` : "";
            const children: string[] = [];
            const states = entry.findings.map((finding) => status(finding, outcome));
            const text = (finding: ScanFinding) => escapeXml(`${finding.path ? `${shownPath(finding)}: ` : ""}${shownMessage(finding)}${finding.fix ? ` Fix: ${finding.fix}` : ""}`);
            // Only what fails the build is a <failure>; advice is said in <system-out>, so CI dashboards count what matters.
            const failing = entry.findings.filter((_, index) => states[index] === "failing");
            const advisory = entry.findings.filter((_, index) => states[index] === "advisory");
            const broken = entry.findings.filter((_, index) => states[index] === "error");
            if (failing.length > 0) {
                suiteFailures++;
                children.push(...failing.map((finding) =>
                    `      <failure type="${finding.level}" message="${text(finding)}">${text(finding)}</failure>`));
            } else if (broken.length > 0) {
                suiteErrors++;
                children.push(...broken.map((finding) => `      <error message="${text(finding)}"/>`));
            } else if (advisory.length === 0 && entry.findings.length > 0) {
                suiteSkipped++;
                const finding = entry.findings[0];
                const reason = finding.waived ? `waived: ${finding.waived.reason}` : shownMessage(finding);
                children.push(`      <skipped message="${escapeXml(reason)}"/>`);
            }
            if (advisory.length > 0) {
                children.push(`      <system-out>${advisory.map((finding) => `advisory: ${text(finding)}`).join("\n")}</system-out>`);
            }
            const open = `    <testcase classname="${escapeXml(ruleId)}" name="${escapeXml(entry.name)}"${location}`;
            suite.push(children.length > 0 ? `${open}>\n${children.join("\n")}\n    </testcase>` : `${open}/>`);
        }
        tests += cases.size;
        failures += suiteFailures;
        errors += suiteErrors;
        skipped += suiteSkipped;
        body.push(`  <testsuite name="${escapeXml(ruleId)}" tests="${cases.size}" failures="${suiteFailures}" errors="${suiteErrors}" skipped="${suiteSkipped}">`
            + `\n    <properties><property name="title" value="${escapeXml(titles.get(ruleId) ?? ruleId)}"/></properties>`
            + (suite.length > 0 ? `\n${suite.join("\n")}` : "")
            + "\n  </testsuite>");
    }
    // An input that could not be read is an error of its own: the suite cannot say it passed.
    if (outcome.inputErrors.length > 0) {
        tests += outcome.inputErrors.length;
        errors += outcome.inputErrors.length;
        body.push(`  <testsuite name="inputs" tests="${outcome.inputErrors.length}" failures="0" errors="${outcome.inputErrors.length}" skipped="0">\n`
            + outcome.inputErrors.map((error) => `    <testcase classname="inputs" name="${escapeXml(error.file)}">\n`
                + `      <error message="${escapeXml(error.message)}"/>\n    </testcase>`).join("\n")
            + "\n  </testsuite>");
    }
    lines.push(`<testsuites name="gatehouse scan" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}">`, ...body, "</testsuites>");
    return lines.join("\n") + "\n";
}
