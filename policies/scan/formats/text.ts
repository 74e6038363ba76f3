/** Human-readable output: findings grouped by resource, colours only on a terminal, a summary line. */
import { exitCode, ScanOutcome } from "../scan";
import { address, ordered, shownMessage, shownPath, status, Status, summarize } from "./common";

const LABELS: Record<Status, { text: string; colour: string }> = {
    failing: { text: "FAIL", colour: "\x1b[31m" },
    advisory: { text: "WARN", colour: "\x1b[33m" },
    unverifiable: { text: "UNKNOWN", colour: "\x1b[36m" },
    error: { text: "ERROR", colour: "\x1b[35m" },
    waived: { text: "WAIVED", colour: "\x1b[2m" },
};
const RESET = "\x1b[0m";
const BOLD = "\x1b[1m";

function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export function renderText(outcome: ScanOutcome, options: { colour: boolean }): string {
    const paint = (colour: string, text: string) => (options.colour ? `${colour}${text}${RESET}` : text);
    const lines: string[] = [];
    let current: string | undefined;
    for (const finding of ordered(outcome)) {
        const resource = finding.resource;
        const group = `${finding.input}\0${address(resource)}`;
        if (group !== current) {
            current = group;
            const origin = resource?.origin;
            const where = origin?.file ? `${origin.file}${origin.line ? `:${origin.line}` : ""}` : finding.input;
            lines.push("", `${paint(BOLD, address(resource))}  ${where}`);
        }
        const label = LABELS[status(finding, outcome)];
        const path = finding.path ? ` (${shownPath(finding)})` : "";
        lines.push(`  ${paint(label.colour, label.text.padEnd(7))} ${finding.ruleId}${path}: ${shownMessage(finding)}`);
        if (finding.fix) {
            lines.push(`          fix: ${finding.fix}`);
        }
        if (finding.waived) {
            lines.push(`          waived by ${finding.waived.source}: ${finding.waived.reason}`);
        }
    }
    for (const error of outcome.inputErrors) {
        lines.push("", `  ${paint(LABELS.error.colour, "ERROR".padEnd(7))} ${error.message}`);
    }
    const notices = outcome.inputs.flatMap((input) => (input.notices ?? []).map((notice) => `${input.path}: ${notice}`));
    for (const notice of notices) {
        lines.push("", `  ${"NOTE".padEnd(7)} ${notice}`);
    }
    const summary = summarize(outcome);
    const unread = outcome.inputErrors.length > 0 ? `; ${plural(outcome.inputErrors.length, "input")} could not be read` : "";
    // Nothing scanned because every resource is in modules that could not be read is not a pass.
    const verdict = exitCode(outcome) !== 0 ? paint(LABELS.failing.colour, "failed")
        : summary.resources === 0 && notices.length > 0 ? "nothing scanned" : paint("\x1b[32m", "passed");
    lines.push("", `${verdict}: ${plural(summary.failing, "mandatory finding")}, ${summary.advisory} advisory, `
        + `${summary.unverifiable} not verifiable yet, ${plural(summary.errors, "rule error")}, ${summary.waived} waived; `
        + `${plural(summary.resources, "resource")} in ${plural(summary.inputs, "input")}${unread} (fail on: ${outcome.failOn})`);
    return lines.join("\n").replace(/^\n/, "") + "\n";
}
