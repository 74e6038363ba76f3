/**
 * `gatehouse inventory`: the endpoint inventory of every input of a scan, and the documented
 * JSON shape (docs/inventory.schema.json) that the JSON scan report embeds as `endpoints`.
 */
import * as path from "node:path";
import { endpointInventory, InventoryEndpoint, isUnauthenticated } from "../../engine/inventory";
import { escapeControl, redactSecrets } from "../../engine/message";
import type { Result } from "../../engine/evaluate";
import type { Graph } from "../../engine/graph";
import type { ScanOutcome } from "../scan";

export interface InventoryRow extends InventoryEndpoint {
    /** The input (path) the endpoint was read from. */
    readonly input: string;
}

function redact(endpoint: InventoryEndpoint, secrets: ReadonlySet<string> | undefined): InventoryEndpoint {
    if (!secrets || secrets.size === 0) {
        return endpoint;
    }
    const clean = (value: string) => redactSecrets(value, secrets);
    return {
        ...endpoint,
        endpoint: clean(endpoint.endpoint),
        stages: endpoint.stages.map(clean),
        authorizer: endpoint.authorizer === null ? null : clean(endpoint.authorizer),
        throttling: endpoint.throttling.map(clean),
        waf: endpoint.waf === null ? null : endpoint.waf.map(clean),
        accessLogging: endpoint.accessLogging.map(clean),
    };
}

/** The endpoints of one input's graph, with the rules failing on them (from that input's evaluation). */
export function inventoryRows(graph: Graph, results: readonly Result[], input: string): InventoryRow[] {
    const rows = endpointInventory(graph, results) as (InventoryEndpoint & { input?: string })[];
    for (let index = 0; index < rows.length; index++) {
        const secrets = graph.get(rows[index].api.id)?.secretValues();
        const row: InventoryEndpoint & { input?: string } = secrets && secrets.size > 0 ? redact(rows[index], secrets) : rows[index];
        // The rows are fresh objects the scan owns: tagging them avoids copying every row.
        row.input = input;
        rows[index] = row;
    }
    return rows as InventoryRow[];
}

/** Every endpoint of every input of a scan run with `endpoints: true`. */
export function inventoryOf(outcome: ScanOutcome): readonly InventoryRow[] {
    if (!outcome.endpoints) {
        throw new Error("the scan did not read the endpoint inventory: run it with { endpoints: true }");
    }
    return outcome.endpoints;
}

export interface InventorySummary {
    readonly apis: number;
    readonly endpoints: number;
    readonly unauthenticated: number;
    readonly public: number;
    readonly failing: number;
}

export function summarizeInventory(rows: readonly InventoryRow[]): InventorySummary {
    return {
        apis: new Set(rows.map((row) => `${row.input}\0${row.api.id}`)).size,
        endpoints: rows.length,
        unauthenticated: rows.filter(isUnauthenticated).length,
        public: rows.filter((row) => row.exposure === "public").length,
        failing: rows.filter((row) => row.failingRules.length > 0).length,
    };
}

export const INVENTORY_SCHEMA_VERSION = 1;

export function renderInventoryJson(rows: readonly InventoryRow[], version: string): string {
    return JSON.stringify({
        schemaVersion: INVENTORY_SCHEMA_VERSION,
        tool: { name: "gatehouse", version },
        summary: summarizeInventory(rows),
        endpoints: rows,
    }, null, 2) + "\n";
}

function definedIn(row: InventoryRow): string {
    const file = row.api.file ?? row.input;
    const relative = path.isAbsolute(file) ? path.relative(process.cwd(), file) : file;
    return `${relative.startsWith("..") ? file : relative}${row.api.line ? `:${row.api.line}` : ""}`;
}

const COLUMNS: readonly [string, (row: InventoryRow) => string][] = [
    ["API", (row) => row.api.name],
    ["Defined in", definedIn],
    ["Kind", (row) => row.kind],
    ["Endpoint", (row) => row.endpoint],
    ["Stages", (row) => row.stages.join(", ") || "—"],
    ["Authorization", (row) => row.authorization + (row.authorizer ? ` (${row.authorizer})` : row.corsPreflight ? " (CORS preflight)" : "")],
    ["API key", (row) => (row.apiKeyRequired === null ? "?" : row.apiKeyRequired ? "yes" : "no")],
    ["Throttling", (row) => row.throttling.join("; ") || "none"],
    ["WAF", (row) => (row.waf === null ? "n/a" : row.waf.join(", ") || "none")],
    ["Access logs", (row) => (row.stages.length === 0 ? "—" : `${row.accessLogging.length}/${row.stages.length} stages`)],
    ["Exposure", (row) => row.exposure],
    ["Failing rules", (row) => row.failingRules.join(", ") || "—"],
];

/** The table every text format shares: headers, then one row of cells per endpoint. */
export function inventoryTable(rows: readonly InventoryRow[]): { headers: string[]; cells: string[][] } {
    return { headers: COLUMNS.map(([header]) => header), cells: rows.map((row) => COLUMNS.map(([, cell]) => escapeControl(cell(row)))) };
}

export function renderInventoryText(rows: readonly InventoryRow[]): string {
    const { headers, cells } = inventoryTable(rows);
    const widths = headers.map((header, column) => Math.min(48, Math.max(header.length, ...cells.map((row) => row[column].length))));
    const line = (values: readonly string[]) => values.map((value, column) => {
        const cut = value.length > widths[column] ? `${value.slice(0, widths[column] - 1)}…` : value;
        return cut.padEnd(widths[column]);
    }).join("  ").trimEnd();
    const summary = summarizeInventory(rows);
    return [
        line(headers),
        line(widths.map((width) => "-".repeat(width))),
        ...cells.map(line),
        "",
        `${summary.endpoints} endpoints in ${summary.apis} APIs: ${summary.unauthenticated} unauthenticated, ${summary.public} public, ${summary.failing} with failing rules.`,
        "",
    ].join("\n");
}

function markdownCell(value: string): string {
    return value.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/\r?\n/g, " ");
}

/** For a pull-request comment. */
export function renderInventoryMarkdown(rows: readonly InventoryRow[]): string {
    const { headers, cells } = inventoryTable(rows);
    const summary = summarizeInventory(rows);
    return [
        "### API endpoints",
        "",
        `${summary.endpoints} endpoints in ${summary.apis} APIs: **${summary.unauthenticated} unauthenticated**, ${summary.public} public, ${summary.failing} with failing rules.`,
        "",
        `| ${headers.join(" | ")} |`,
        `| ${headers.map(() => "---").join(" | ")} |`,
        ...cells.map((row) => `| ${row.map(markdownCell).join(" | ")} |`),
        "",
    ].join("\n");
}
