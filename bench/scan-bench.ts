/**
 * The scanner's cost against the floor of reading its input: generated Terraform plans of 1k, 10k
 * and 100k resources (the shape `terraform show -json` writes: resource_changes with unknown and
 * sensitive masks, planned values, configuration references). For each: JSON.parse of the file,
 * a whole scan of it (read, parse, convert, evaluate every rule, render the JSON report), and the
 * scan's peak RSS, each in a fresh process; medians.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { restDocument } from "../test/fixtures/openapi";

const SIZES = (process.env.BENCH_SCAN_SIZES ?? "1000,10000,100000").split(",").map(Number);
const RUNS = Number(process.env.BENCH_SCAN_RUNS ?? 3);
const TARGETS = { scanOverParse: 2, growth: 11, rssOverFile: 2.5, hclEvaluationMs: 50 } as const;

/** One API's worth of plan: ten resources that link to each other, some insecure, some unknown until apply. */
/** The bodies of the APIs defined by OpenAPI: the tests' orders document, compliant and not, in turn (as in the pack's bench). */
const OPENAPI_BODIES = [JSON.stringify(restDocument("openapi3", true)), JSON.stringify(restDocument("openapi3", false))];

/** A resource change as `terraform show -json` writes one that creates. */
function change(type: string, name: string, after: Record<string, unknown>, unknown: Record<string, unknown> = {}, sensitive: Record<string, unknown> = {}) {
    return {
        address: `${type}.${name}`, mode: "managed", type, name, provider_name: "registry.terraform.io/hashicorp/aws",
        change: { actions: ["create"], before: null, after, after_unknown: { id: true, ...unknown }, before_sensitive: false, after_sensitive: sensitive },
    };
}

/** A configuration expression referring to attributes (Terraform lists each with the resource it belongs to). */
function ref(...targets: string[]) {
    return { references: targets.flatMap((target) => [target, target.slice(0, target.lastIndexOf("."))]) };
}

function constant(value: unknown) {
    return { constant_value: value };
}

function unit(i: number): { changes: unknown[]; config: unknown[] } {
    const api = `api${i}`;
    const changes = [
        // One API in ten is defined by an OpenAPI body, as most real APIs are: the scan derives its surface.
        change("aws_api_gateway_rest_api", api, {
            name: api, endpoint_configuration: [{ types: ["REGIONAL"] }], tags: { owner: "team", environment: "prod" },
            ...(i % 10 === 0 ? { body: OPENAPI_BODIES[(i / 10) % 2] } : {}),
        }, { arn: true, execution_arn: true, root_resource_id: true }),
        change("aws_api_gateway_resource", `items${i}`, { path_part: "items" }, { rest_api_id: true, parent_id: true, path: true }),
        change("aws_api_gateway_method", `get${i}`, { http_method: "GET", authorization: i % 2 ? "NONE" : "AWS_IAM", api_key_required: false },
            { rest_api_id: true, resource_id: true }),
        change("aws_api_gateway_deployment", `deploy${i}`, { description: null }, { rest_api_id: true, created_date: true }),
        change("aws_api_gateway_stage", `prod${i}`, { stage_name: "prod", xray_tracing_enabled: i % 3 === 0, access_log_settings: [], variables: null },
            { rest_api_id: true, deployment_id: true, arn: true, invoke_url: true }),
        change("aws_api_gateway_method_settings", `all${i}`, { method_path: "*/*", settings: [{ logging_level: "INFO", metrics_enabled: true, data_trace_enabled: false,
            throttling_burst_limit: 500, throttling_rate_limit: 1000 }] }, { rest_api_id: true, stage_name: true }),
        change("aws_cloudwatch_log_group", `logs${i}`, { name: `/aws/apigateway/${api}`, retention_in_days: 365 }, { arn: true, kms_key_id: true }),
        change("aws_iam_role", `role${i}`, { name: `role${i}`, assume_role_policy: JSON.stringify({ Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }] }) }, { arn: true }),
        change("aws_lambda_permission", `invoke${i}`, { action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com", function_name: `fn${i}` },
            { source_arn: true }),
        change("aws_api_gateway_api_key", `key${i}`, { name: `key${i}`, value: `pk_live_${i}_0123456789abcdef` }, {}, { value: true }),
    ];
    const config = [
        { address: `aws_api_gateway_rest_api.${api}`, expressions: { name: constant(api) } },
        { address: `aws_api_gateway_resource.items${i}`, expressions: { rest_api_id: ref(`aws_api_gateway_rest_api.${api}.id`), parent_id: ref(`aws_api_gateway_rest_api.${api}.root_resource_id`) } },
        { address: `aws_api_gateway_method.get${i}`, expressions: { rest_api_id: ref(`aws_api_gateway_rest_api.${api}.id`), resource_id: ref(`aws_api_gateway_resource.items${i}.id`) } },
        { address: `aws_api_gateway_deployment.deploy${i}`, expressions: { rest_api_id: ref(`aws_api_gateway_rest_api.${api}.id`) } },
        { address: `aws_api_gateway_stage.prod${i}`, expressions: { rest_api_id: ref(`aws_api_gateway_rest_api.${api}.id`), deployment_id: ref(`aws_api_gateway_deployment.deploy${i}.id`), stage_name: constant("prod") } },
        { address: `aws_api_gateway_method_settings.all${i}`, expressions: { rest_api_id: ref(`aws_api_gateway_rest_api.${api}.id`), stage_name: ref(`aws_api_gateway_stage.prod${i}.stage_name`) } },
        { address: `aws_cloudwatch_log_group.logs${i}`, expressions: { retention_in_days: constant(365) } },
        { address: `aws_iam_role.role${i}`, expressions: { name: constant(`role${i}`) } },
        { address: `aws_lambda_permission.invoke${i}`, expressions: { source_arn: ref(`aws_api_gateway_rest_api.${api}.execution_arn`) } },
        { address: `aws_api_gateway_api_key.key${i}`, expressions: { value: constant(`pk_live_${i}_0123456789abcdef`) } },
    ];
    return { changes, config };
}

/**
 * One API of a stack whose APIs share names, as most large stacks do: each REST API has a stage
 * `live`, an alarm naming it by stage and API name, and a deployment that also creates a stage
 * `prod` (`stage_name`); each HTTP API is quick-created, with a declared route beside it. Lookups
 * by name alone would compare every API's resources with every other's.
 */
function sharedNamesUnit(i: number): { changes: unknown[]; config: unknown[] } {
    const api = `aws_api_gateway_rest_api.api${i}`;
    const http = `aws_apigatewayv2_api.http${i}`;
    const changes = [
        change("aws_api_gateway_rest_api", `api${i}`, { name: `api${i}`, endpoint_configuration: [{ types: ["REGIONAL"] }] }, { root_resource_id: true }),
        change("aws_api_gateway_deployment", `deploy${i}`, { stage_name: "prod" }, { rest_api_id: true }),
        change("aws_api_gateway_stage", `live${i}`, { stage_name: "live", xray_tracing_enabled: true }, { rest_api_id: true, deployment_id: true }),
        change("aws_cloudwatch_metric_alarm", `errors${i}`, { alarm_name: `errors${i}`, namespace: "AWS/ApiGateway", metric_name: "5XXError",
            dimensions: { ApiName: `api${i}`, Stage: "live" } }),
        change("aws_apigatewayv2_api", `http${i}`, { name: `http${i}`, protocol_type: "HTTP", target: `arn:aws:lambda:us-east-1:123456789012:function:fn${i}` }),
        change("aws_apigatewayv2_route", `get${i}`, { route_key: "GET /items", authorization_type: "AWS_IAM" }, { api_id: true }),
    ];
    const config = [
        { address: `aws_api_gateway_deployment.deploy${i}`, expressions: { rest_api_id: ref(`${api}.id`), stage_name: constant("prod") } },
        { address: `aws_api_gateway_stage.live${i}`, expressions: { rest_api_id: ref(`${api}.id`), deployment_id: ref(`aws_api_gateway_deployment.deploy${i}.id`) } },
        { address: `aws_apigatewayv2_route.get${i}`, expressions: { api_id: ref(`${http}.id`) } },
    ];
    return { changes, config };
}

/** A plan of up to `units` units of `unitOf` (and up to `resources` changes), in the shape the bench's plans share. */
function writePlan(file: string, units: number, unitOf: (i: number) => { changes: unknown[]; config: unknown[] }, resources = Infinity): void {
    const changes: unknown[] = [];
    const config: unknown[] = [];
    for (let i = 0; i < units && changes.length < resources; i++) {
        const next = unitOf(i);
        changes.push(...next.changes);
        config.push(...next.config);
    }
    if (changes.length > resources) {
        changes.length = resources;
    }
    const planned = changes.map((change: any) => ({ address: change.address, mode: "managed", type: change.type, name: change.name, values: change.change.after,
        sensitive_values: {} }));
    writeFileSync(file, JSON.stringify({
        format_version: "1.2", terraform_version: "1.11.4",
        planned_values: { root_module: { resources: planned } },
        resource_changes: changes,
        configuration: { provider_config: { aws: { name: "aws", full_name: "registry.terraform.io/hashicorp/aws" } }, root_module: { resources: config } },
    }));
}

export function generatePlan(resources: number, file: string): void {
    writePlan(file, Infinity, unit, resources);
}

/** What an estate runs beside its APIs: types no rule reads, each with the attributes and references such resources have. */
const ESTATE_TYPES = ["aws_s3_bucket", "aws_instance", "aws_security_group", "aws_sqs_queue", "aws_dynamodb_table"] as const;

/**
 * One unit of an estate's plan: in ten, one is an API (unit), the others ten resources of types no
 * rule reads, as most of a large plan is. Their changes are passed over unparsed, and so is their
 * configuration.
 */
function estateUnit(i: number): { changes: unknown[]; config: unknown[] } {
    if (i % 10 === 0) {
        return unit(i / 10);
    }
    const changes: unknown[] = [];
    const config: unknown[] = [];
    for (let k = 0; k < 10; k++) {
        const type = ESTATE_TYPES[k % ESTATE_TYPES.length];
        const name = `r${i}_${k}`;
        const group = `aws_security_group.r${i}_2`;
        changes.push(change(type, name, {
            tags: { owner: "team", environment: "prod", cost_center: `cc-${i % 50}` },
            ...(type === "aws_instance" ? { ami: "ami-0123456789abcdef0", instance_type: "t3.micro", root_block_device: [{ volume_size: 20, encrypted: true }] } : {}),
            ...(type === "aws_security_group" ? { ingress: [{ from_port: 443, to_port: 443, protocol: "tcp", cidr_blocks: ["10.0.0.0/8"] }] } : {}),
            ...(type === "aws_s3_bucket" ? { bucket: `bucket-${name}`, force_destroy: false } : {}),
            ...(type === "aws_sqs_queue" ? { name: `queue-${name}`, visibility_timeout_seconds: 30, message_retention_seconds: 345600 } : {}),
            ...(type === "aws_dynamodb_table" ? { name: `table-${name}`, billing_mode: "PAY_PER_REQUEST", hash_key: "id", attribute: [{ name: "id", type: "S" }] } : {}),
        }, { arn: true }));
        config.push({
            address: `${type}.${name}`, mode: "managed", type, name, provider_config_key: "aws",
            expressions: { tags: constant({ owner: "team" }), ...(type === "aws_instance" ? { vpc_security_group_ids: ref(`${group}.id`) } : {}) },
            schema_version: 0,
        });
    }
    return { changes, config };
}

/** An estate's plan of `resources` changes (estateUnit): API Gateway is one resource in ten. */
export function generateEstatePlan(resources: number, file: string): void {
    writePlan(file, Infinity, estateUnit, resources);
}

/**
 * The child's peak RSS in MB (10^6 bytes, as the file size): VmHWM, which starts afresh at exec.
 * Not getrusage's maxRSS: Linux carries that over from the forking parent, so a small scan would
 * report the bench's own size.
 */
const PEAK_RSS_MB = `statusMb("VmHWM")`;

/** Defines `statusMb(field)` in a measuring script: a /proc/self/status field of its process, in MB (10^6 bytes, as the file size). */
const STATUS_MB = `const statusMb=(field)=>Number(new RegExp(field+":[ \\t]+([0-9]+)").exec(require("fs").readFileSync("/proc/self/status","utf8"))[1])*1024/1e6;`;

const ROOT = path.resolve(__dirname, "../..");

/** Runs a measuring script in a fresh process, as the scan runs (a large heap allowed); what it prints, parsed as JSON. */
function runMeasurement(script: string, what: string, flags: readonly string[] = []): any {
    const result = spawnSync(process.execPath, ["--max-old-space-size=8192", ...flags, "-e", script], { encoding: "utf8", maxBuffer: 1 << 20 });
    if (result.status !== 0) {
        throw new Error(`${what} failed: ${result.stderr}`);
    }
    return JSON.parse(result.stdout);
}

/** A measuring script's `require` of one of the built scanner's modules (`catalog`, `scan/scan`…). */
function requireBuilt(names: string, module: string): string {
    return `const {${names}}=require(${JSON.stringify(path.join(ROOT, "dist/policies", module))});`;
}

/** The modules a scan's measuring script loads, before its clock starts. */
const SCANNER = requireBuilt("catalog", "catalog") + requireBuilt("scanConfiguration", "scan/config") + requireBuilt("renderJson", "scan/formats/json");

/** Runs one measurement in a fresh process: `parse` (read + JSON.parse) or `scan` (the whole scan, report rendered). */
function measure(kind: "parse" | "scan" | "scan+endpoints", file: string): { ms: number; rssMb: number; findings?: number } {
    const script = kind === "parse"
        ? STATUS_MB + `const fs=require("fs");const t=process.hrtime.bigint();JSON.parse(fs.readFileSync(${JSON.stringify(file)},"utf8"));`
          + `const ms=Number(process.hrtime.bigint()-t)/1e6;console.log(JSON.stringify({ms,rssMb:${PEAK_RSS_MB}}))`
        : SCANNER + STATUS_MB + requireBuilt("scanPaths", "scan/scan")
          + `const t=process.hrtime.bigint();scanPaths([${JSON.stringify(file)}],catalog,scanConfiguration(catalog,undefined,"defaults"),"mandatory",{endpoints:${kind === "scan+endpoints"}}).then((o)=>{`
          + `renderJson(o,"bench");const ms=Number(process.hrtime.bigint()-t)/1e6;`
          + `console.log(JSON.stringify({ms,rssMb:${PEAK_RSS_MB},findings:o.findings.length}))})`;
    return runMeasurement(script, `${kind} ${file}`);
}


/** Where a scan's time goes, in milliseconds: the floors it cannot go below, and its own phases. */
interface Breakdown {
    /** JSON.parse of the two sections a scan must read (resource_changes and configuration), their text already read, in a fresh process. */
    readonly sectionsParse: number;
    /** The plan read into canonical resources (walk, parse, convert, resolve references). */
    readonly read: number;
    /** The graph built and every rule evaluated. */
    readonly evaluate: number;
    /** The JSON report rendered. */
    readonly render: number;
    /** RSS in MB of the process with the scanner loaded, before the scan: Node's own and the modules'. */
    readonly loadedRssMb: number;
    /** Of that, the executable's and libraries' mapped pages (RssFile). */
    readonly mappedMb: number;
    /** The heap in MB that the scan's result holds at its end (resources, findings, the report), after full collections. */
    readonly heldMb: number;
}

/**
 * The two sections a scan must read, each written to a file of its own beside the plan: their
 * parse, in a fresh process of its own, is a floor no reader of the plan goes below.
 */
function writeSections(file: string): string[] {
    const plan = JSON.parse(readFileSync(file, "utf8"));
    return ["resource_changes", "configuration"].map((section) => {
        const sectionFile = `${file}.${section}.json`;
        writeFileSync(sectionFile, JSON.stringify(plan[section]));
        return sectionFile;
    });
}

/** JSON.parse of the section files' texts, read before the clock starts, in a fresh process. */
function measureSectionsParse(files: readonly string[]): number {
    const script = `const texts=${JSON.stringify(files)}.map((f)=>require("fs").readFileSync(f,"utf8"));`
        + `const t=process.hrtime.bigint();for(const text of texts){JSON.parse(text);}console.log(Number(process.hrtime.bigint()-t)/1e6)`;
    return runMeasurement(script, `parse of ${files.join(", ")}`);
}

/**
 * One scan's phases in a fresh process, with the floor of parsing only the sections it reads, and
 * what its peak RSS is made of: informational. The collections that weigh what the scan holds run
 * after the clocks stop.
 */
function measureBreakdown(file: string, sections: readonly string[]): Breakdown {
    const script = SCANNER + requireBuilt("scanInputs", "scan/scan") + requireBuilt("loadInputs", "scan/inputs") + STATUS_MB
        + `const now=()=>Number(process.hrtime.bigint())/1e6;`
        + `(async()=>{const loadedRssMb=statusMb("VmRSS"),mappedMb=statusMb("RssFile");`
        + `const t0=now();const inputs=await loadInputs(${JSON.stringify(file)},[],{});const t1=now();`
        + `const o={...scanInputs(inputs,catalog,scanConfiguration(catalog,undefined,"defaults"),"mandatory",{}),inputErrors:[]};const t2=now();`
        + `const report=renderJson(o,"bench");const t3=now();gc();gc();const heldMb=process.memoryUsage().heapUsed/1e6;`
        + `console.log(JSON.stringify({read:t1-t0,evaluate:t2-t1,render:t3-t2,loadedRssMb,mappedMb,heldMb,held:[inputs.length,o.findings.length,report.length]}))})()`;
    const { held: _held, ...phases } = runMeasurement(script, `phases of ${file}`, ["--expose-gc"]);
    return { ...phases, sectionsParse: measureSectionsParse(sections) };
}

function medianBreakdown(runs: Breakdown[]): Breakdown {
    const of = (field: keyof Breakdown) => median(runs.map((run) => run[field]));
    return {
        sectionsParse: of("sectionsParse"), read: of("read"), evaluate: of("evaluate"), render: of("render"),
        loadedRssMb: of("loadedRssMb"), mappedMb: of("mappedMb"), heldMb: of("heldMb"),
    };
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

/** A plan's size and medians: JSON.parse of it, its scan, the scan's peak RSS, and the findings. */
interface PlanFigures {
    readonly mb: number;
    readonly parse: number;
    readonly scan: number;
    readonly rss: number;
    readonly findings: number;
}

/** JSON.parse and the scan of `file`, alternating, RUNS times each, each in a fresh process. */
function measurePlan(file: string): PlanFigures {
    const runs = Array.from({ length: RUNS }, () => ({ parse: measure("parse", file).ms, scanned: measure("scan", file) }));
    return {
        mb: statSync(file).size / 1e6, parse: median(runs.map((run) => run.parse)), scan: median(runs.map((run) => run.scanned.ms)),
        rss: median(runs.map((run) => run.scanned.rssMb)), findings: runs[runs.length - 1].scanned.findings ?? 0,
    };
}

export function runScanBench(): number {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-scan-bench-"));
    const rows: (PlanFigures & { size: number; withEndpoints?: number; breakdown?: Breakdown; estate?: PlanFigures })[] = [];
    try {
        for (const size of SIZES) {
            const file = path.join(dir, `plan-${size}.json`);
            generatePlan(size, file);
            const figures = measurePlan(file);
            // An estate's plan of the same size, where API Gateway is one resource in ten: measured for the largest, no target.
            let estate: PlanFigures | undefined;
            if (size === SIZES[SIZES.length - 1]) {
                const estateFile = path.join(dir, `estate-${size}.json`);
                generateEstatePlan(size, estateFile);
                estate = measurePlan(estateFile);
                rmSync(estateFile, { force: true });
            }
            // The JSON report with the endpoint inventory (--endpoints): measured for the largest plan, no target.
            const withEndpoints = size === SIZES[SIZES.length - 1]
                ? median(Array.from({ length: RUNS }, () => measure("scan+endpoints", file).ms))
                : undefined;
            // Where the largest scan's time goes, against the floor of parsing what it must read: no target.
            let breakdown: Breakdown | undefined;
            if (size === SIZES[SIZES.length - 1]) {
                const sections = writeSections(file);
                breakdown = medianBreakdown(Array.from({ length: RUNS }, () => measureBreakdown(file, sections)));
            }
            rows.push({ size, ...figures, withEndpoints, breakdown, estate });
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    const lines = ["| plan | file | JSON.parse | scan (read, parse, evaluate, report) | scan / parse | peak RSS (scan) | findings |", "| --- | --- | --- | --- | --- | --- | --- |"];
    for (const row of rows) {
        lines.push(`| ${row.size.toLocaleString("en")} resources | ${row.mb.toFixed(1)} MB | ${row.parse.toFixed(0)} ms | ${row.scan.toFixed(0)} ms `
            + `| ${(row.scan / row.parse).toFixed(2)}× | ${row.rss.toFixed(0)} MB | ${row.findings} |`);
    }
    process.stdout.write(`\n${lines.join("\n")}\n\n`);
    let missed = 0;
    const largest = rows[rows.length - 1];
    const tenth = rows.find((row) => row.size * 10 === largest.size);
    const overParse = largest.scan / largest.parse;
    missed += overParse <= TARGETS.scanOverParse ? 0 : 1;
    process.stdout.write(`scan / JSON.parse at ${largest.size.toLocaleString("en")}: ${overParse.toFixed(2)}× (target ≤ ${TARGETS.scanOverParse}×) ${overParse <= TARGETS.scanOverParse ? "✓" : "✗"}\n`);
    if (tenth) {
        const growth = largest.scan / tenth.scan;
        missed += growth <= TARGETS.growth ? 0 : 1;
        process.stdout.write(`scan time ${tenth.size.toLocaleString("en")} → ${largest.size.toLocaleString("en")}: ${growth.toFixed(2)}× (target ≤ ${TARGETS.growth}×) ${growth <= TARGETS.growth ? "✓" : "✗"}\n`);
    }
    const rssOverFile = largest.rss / largest.mb;
    missed += rssOverFile <= TARGETS.rssOverFile ? 0 : 1;
    process.stdout.write(`peak RSS of the ${largest.size.toLocaleString("en")}-resource scan: ${largest.rss.toFixed(0)} MB, ${rssOverFile.toFixed(2)}× the file `
        + `(target ≤ ${TARGETS.rssOverFile}×) ${rssOverFile <= TARGETS.rssOverFile ? "✓" : "✗"}\n`);
    if (largest.estate) {
        const { mb, parse, scan, rss } = largest.estate;
        process.stdout.write(`an estate's plan of ${largest.size.toLocaleString("en")} resources, API Gateway one in ten (${mb.toFixed(1)} MB): `
            + `JSON.parse ${parse.toFixed(0)} ms, scan ${scan.toFixed(0)} ms, ${(scan / parse).toFixed(2)}× JSON.parse, peak RSS ${rss.toFixed(0)} MB, `
            + `${(rss / mb).toFixed(2)}× the file (informational)\n`);
    }
    if (largest.withEndpoints !== undefined) {
        process.stdout.write(`with the endpoint inventory in the report (--endpoints): ${largest.withEndpoints.toFixed(0)} ms, `
            + `${(largest.withEndpoints / largest.parse).toFixed(2)}× JSON.parse (informational)\n`);
    }
    if (largest.breakdown) {
        const { sectionsParse, read, evaluate, render } = largest.breakdown;
        process.stdout.write(`where the ${largest.size.toLocaleString("en")}-resource scan's time goes (informational): read ${read.toFixed(0)} ms `
            + `(JSON.parse of the sections it must read, resource_changes and configuration, alone: ${sectionsParse.toFixed(0)} ms), `
            + `graph and rules ${evaluate.toFixed(0)} ms, JSON report ${render.toFixed(0)} ms\n`);
        const { loadedRssMb, mappedMb, heldMb } = largest.breakdown;
        process.stdout.write(`what the ${largest.size.toLocaleString("en")}-resource scan's peak RSS is made of (informational): `
            + `Node with the scanner loaded ${loadedRssMb.toFixed(0)} MB (${mappedMb.toFixed(0)} MB of it mapped code), `
            + `what the scan holds at its end (resources, findings, report) after full collections ${heldMb.toFixed(0)} MB; `
            + `the other ${(largest.rss - loadedRssMb - heldMb).toFixed(0)} MB are the collector's: garbage not yet collected, the young generation\n`);
    }
    process.stdout.write(`medians of ${RUNS} runs, each in a fresh process\n`);
    return missed;
}

/** The APIs of the shared-names stacks: the scan's cost must grow with them, not with their square. */
const SHARED_NAMES_APIS = (process.env.BENCH_SHARED_NAMES_APIS ?? "1000,10000").split(",").map(Number);

/** Scans of stacks whose APIs share stage, route and metric names (sharedNamesUnit), ten times apart in size. */
export function runSharedNamesBench(): number {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-shared-names-bench-"));
    const scans: number[] = [];
    try {
        for (const apis of SHARED_NAMES_APIS) {
            const file = path.join(dir, `plan-${apis}.json`);
            writePlan(file, apis, sharedNamesUnit);
            scans.push(median(Array.from({ length: RUNS }, () => measure("scan", file).ms)));
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    const [smaller, larger] = [scans[0], scans[scans.length - 1]];
    const [fewer, more] = [SHARED_NAMES_APIS[0], SHARED_NAMES_APIS[SHARED_NAMES_APIS.length - 1]];
    // The same allowance as for plans ten times larger: the cost per API must not grow with the stack.
    const allowed = TARGETS.growth * (more / fewer) / 10;
    const growth = larger / smaller;
    const ok = growth <= allowed;
    process.stdout.write(`\nstacks whose APIs share names (${fewer.toLocaleString("en")} → ${more.toLocaleString("en")} APIs, 6 resources each): `
        + `${smaller.toFixed(0)} ms → ${larger.toFixed(0)} ms, ${growth.toFixed(2)}× (target ≤ ${allowed}×) ${ok ? "✓" : "✗"}\n`);
    return ok ? 0 : 1;
}

const HCL_EXAMPLES = ["secure-rest", "secure-http", "insecure-rest", "insecure-http"].map((name) => path.join(ROOT, "examples", "terraform", name));

/**
 * What evaluating HCL costs over the bundled examples: reading them as inputs (parse, evaluate
 * variables, modules and expressions, convert) minus parsing their files alone, in one warm
 * process (the WebAssembly parser loaded once), medians of 15 rounds.
 */
export async function runHclBench(): Promise<number> {
    const { loadInputs } = require(path.join(ROOT, "dist/policies/scan/inputs")) as typeof import("../policies/scan/inputs");
    const { parseHclFile } = require(path.join(ROOT, "dist/policies/terraform/hcl")) as typeof import("../policies/terraform/hcl");
    const files = HCL_EXAMPLES.flatMap((dir) => require("node:fs").readdirSync(dir).filter((name: string) => name.endsWith(".tf")).map((name: string) => path.join(dir, name)));
    const time = async (run: () => Promise<unknown>) => {
        await run();
        const rounds: number[] = [];
        for (let round = 0; round < 15; round++) {
            const start = process.hrtime.bigint();
            await run();
            rounds.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
        return median(rounds);
    };
    const parseOnly = await time(async () => {
        for (const file of files) {
            await parseHclFile(file);
        }
    });
    const read = await time(async () => {
        for (const dir of HCL_EXAMPLES) {
            await loadInputs(dir);
        }
    });
    const evaluation = read - parseOnly;
    const ok = evaluation <= TARGETS.hclEvaluationMs;
    process.stdout.write(`\nHCL examples (${files.length} files): parse ${parseOnly.toFixed(1)} ms, read as inputs ${read.toFixed(1)} ms; `
        + `evaluation adds ${evaluation.toFixed(1)} ms (target ≤ ${TARGETS.hclEvaluationMs} ms) ${ok ? "✓" : "✗"}\n`);
    return ok ? 0 : 1;
}

if (require.main === module) {
    void runHclBench().then((hcl) => {
        process.exitCode = runScanBench() + runSharedNamesBench() + hcl === 0 || !process.argv.includes("--strict") ? 0 : 1;
    });
}
