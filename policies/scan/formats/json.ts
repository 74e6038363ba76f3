/**
 * JSON output, version 1: the stable, documented schema of docs/scan-report.schema.json.
 * Fields are only ever added within a version; a change of meaning bumps `schemaVersion`.
 * Within an input, findings are ordered by file and line, then in the input's own order (one resource's findings together).
 */
import type { Resource } from "../../engine/resource";
import { exitCode, ScanOutcome } from "../scan";
import { address, findingLine, ordered, shownMessage, shownPath, status, summarize, TOOL_NAME } from "./common";

export const JSON_SCHEMA_VERSION = 1;

export function renderJson(outcome: ScanOutcome, version: string): string {
    const summary = summarize(outcome);
    // A resource's findings share its description: 100k findings need not build 100k copies.
    const described = new Map<Resource, object>();
    const describe = (resource: Resource) => {
        let description = described.get(resource);
        if (!description) {
            description = {
                address: address(resource),
                type: resource.type,
                name: resource.name,
                file: resource.origin.file ?? null,
                line: resource.origin.line ?? null,
            };
            described.set(resource, description);
        }
        return description;
    };
    const report = {
        schemaVersion: JSON_SCHEMA_VERSION,
        tool: { name: TOOL_NAME, version },
        failOn: outcome.failOn,
        passed: exitCode(outcome) === 0,
        summary,
        inputs: outcome.inputs.map((input) => ({
            path: input.path, format: input.format, resources: input.resources.length, ...(input.notices?.length ? { notices: input.notices } : {}),
        })),
        // Paths that could not be read; the findings are those of the inputs that could.
        inputErrors: outcome.inputErrors.map((error) => ({ path: error.file, message: error.message })),
        findings: ordered(outcome).map((finding) => ({
            ruleId: finding.ruleId,
            status: status(finding, outcome),
            kind: finding.kind,
            level: finding.level,
            message: shownMessage(finding),
            path: shownPath(finding) ?? null,
            endpoint: finding.endpoint ?? null,
            line: findingLine(finding) ?? null,
            fix: finding.fix ?? null,
            input: finding.input,
            resource: finding.resource ? describe(finding.resource) : null,
            waiver: finding.waived ? { source: finding.waived.source, reason: finding.waived.reason } : null,
        })),
        // The endpoint inventory (docs/inventory.schema.json), from the same evaluation, when asked for (--endpoints).
        ...(outcome.endpoints ? { endpoints: outcome.endpoints } : {}),
    };
    // Compact: reports of large plans are for machines (pipe through `jq` to read one).
    return JSON.stringify(report) + "\n";
}
