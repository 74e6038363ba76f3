import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { generateEstatePlan, generatePlan } from "../../bench/scan-bench";
import { parseJsonFile } from "../../policies/engine/input-error";
import type { Resource } from "../../policies/engine/resource";
import workerThreads = require("node:worker_threads");
import sections = require("../../policies/scan/json-sections");
import { loadInputs } from "../../policies/scan/inputs";
import { readableConfiguration } from "../../policies/scan/plan-configuration";
import { PlanWalk, readPlanFile } from "../../policies/scan/plan-file";
import { canonicalType } from "../../policies/terraform/convert";
import { resourcesFromPlan } from "../../policies/terraform/plan";

const SEED = Number(process.env.PLAN_FILE_SEED ?? 20261203);
const MUTATIONS = 400;
const CONFIGURATION_MUTATIONS = 200;

function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const facts = (r: Resource) => [r.id, r.type, r.name, r.props, r.refs, r.options, [...(r.declared ?? [])], [...(r.secretValues() ?? [])]];

/** What reading the whole file gives: the resources, or the error's message. */
function readWhole(file: string, text: string): unknown {
    try {
        return resourcesFromPlan(parseJsonFile(file, text), file).map(facts);
    } catch (error) {
        return { error: (error as Error).message };
    }
}

async function readByChanges(file: string): Promise<unknown> {
    try {
        const [input] = await loadInputs(file);
        return input.resources.map(facts);
    } catch (error) {
        return { error: (error as Error).message };
    }
}

/** What readPlanFile gives with the walk in this thread or in a worker: the resources, undefined (read it whole), or the error. */
function readWith(file: string, walk: PlanWalk): unknown {
    try {
        return readPlanFile(file, walk)?.map(facts);
    } catch (error) {
        return { error: (error as Error).message };
    }
}

/**
 * Counts the worker threads started and the walks made in this thread while `run` runs
 * (plan-file.ts reaches both through their modules, so the counts see them).
 */
function counting<T>(run: () => T): { result: T; workers: number; walksHere: number; walksBack: number; searchedBack: number } {
    const original = workerThreads.Worker;
    const originalLayout = sections.byteLayout;
    const originalTrailing = sections.trailingSpan;
    const counts = { workers: 0, walksHere: 0, walksBack: 0, searchedBack: 0 };
    // The configuration found from the end: by walking back over every member, or from where the key search points.
    (sections as { trailingSpan: unknown }).trailingSpan = (...args: Parameters<typeof originalTrailing>) => {
        counts[args[5] === undefined ? "walksBack" : "searchedBack"]++;
        return originalTrailing(...args);
    };
    (workerThreads as { Worker: unknown }).Worker = class extends original {
        constructor(...args: ConstructorParameters<typeof original>) {
            super(...args);
            counts.workers++;
        }
    };
    (sections as { byteLayout: unknown }).byteLayout = (...args: Parameters<typeof originalLayout>) => {
        counts.walksHere++;
        return originalLayout(...args);
    };
    try {
        return { result: run(), ...counts };
    } finally {
        (workerThreads as { Worker: unknown }).Worker = original;
        (sections as { byteLayout: unknown }).byteLayout = originalLayout;
        (sections as { trailingSpan: unknown }).trailingSpan = originalTrailing;
    }
}

describe("a plan read change by change against the whole parse", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-plan-file-"));
    const base = path.join(dir, "plan.json");
    // Every type here is one the rules read, so every change is parsed and the readings must agree exactly.
    generatePlan(60, base);
    const original = readFileSync(base, "utf8");
    const start = original.indexOf("\"resource_changes\":");

    test("Compliance: the generated plan, compact and indented, reads the same both ways", async () => {
        for (const [name, text] of [["compact.json", original], ["indented.json", JSON.stringify(JSON.parse(original), null, 2)]]) {
            const file = path.join(dir, name);
            writeFileSync(file, text);
            const whole = readWhole(file, text);
            assert.ok(Array.isArray(whole) && whole.length === 60);
            assert.deepEqual(await readByChanges(file), whole, name);
        }
    });

    /** The plan in `text` read in this thread and with the worker's walk: the same 60 resources. */
    const readBothWays = (name: string, text: string) => {
        const file = path.join(dir, name);
        writeFileSync(file, text);
        const inline = counting(() => readWith(file, "inline"));
        const parallel = counting(() => readWith(file, "parallel"));
        assert.ok(Array.isArray(inline.result) && inline.result.length === 60, name);
        assert.deepEqual(parallel.result, inline.result, name);
        return { inline, parallel };
    };

    test("Compliance: walked in a worker thread while this one reads, the plan reads as it does walked first, compact and indented", () => {
        for (const [name, text] of [["compact.json", original], ["indented.json", JSON.stringify(JSON.parse(original), null, 2)],
            // Sections in another order: the configuration is not found from the end, and the walk is redone in this thread.
            ["configuration-first.json", JSON.stringify((({ format_version, configuration, ...rest }) => ({ format_version, configuration, ...rest }))(JSON.parse(original)))]]) {
            const { inline, parallel } = readBothWays(name, text);
            // Walked once: in this thread, or in the worker (and again here only when the configuration comes first).
            assert.deepEqual([inline.workers, inline.walksHere], [0, 1], name);
            assert.deepEqual([parallel.workers, parallel.walksHere, parallel.walksBack, parallel.searchedBack], [1, name === "configuration-first.json" ? 1 : 0, 0, 1], name);
        }
    });

    test("Compliance: the configuration is found by its key before the members Terraform writes after it, past nested keys of that name, or walked back to", () => {
        const plan = JSON.parse(original);
        // An ECS cluster's `configuration` blocks, in the configuration's expressions: the key search finds them first.
        const cluster = (name: string) => ({ address: `aws_ecs_cluster.${name}`, expressions: { name: { constant_value: name },
            configuration: [{ execute_command_configuration: [{ logging: { constant_value: "DEFAULT" } }] }] } });
        const trailing = { relevant_attributes: [{ resource: "aws_api_gateway_stage.prod0", attribute: ["configuration"] }], checks: [],
            timestamp: "2026-12-03T12:00:00Z", applyable: true, complete: true, errored: false };
        const withClusters = (count: number) => ({ ...plan, configuration: { ...plan.configuration, root_module: { ...plan.configuration.root_module,
            resources: [...plan.configuration.root_module.resources, ...Array.from({ length: count }, (_, i) => cluster(`c${i}`))] } }, ...trailing });
        for (const [name, text, walksBack, searchedBack] of [
            ["trailing.json", JSON.stringify({ ...plan, ...trailing }), 0, 1],
            ["one-nested.json", JSON.stringify(withClusters(1), null, 1), 0, 2],
            // More nested keys than the search tries: the configuration is walked back to, as before the search.
            ["many-nested.json", JSON.stringify(withClusters(5)), 1, 3]] as const) {
            const { parallel } = readBothWays(name, text);
            assert.deepEqual([parallel.workers, parallel.walksHere, parallel.walksBack, parallel.searchedBack], [1, 0, walksBack, searchedBack], name);
        }
    });

    test("Noncompliance 2: a change of a type no rule reads, with an escape JSON.parse rejects among its opening keys, is an error naming the file and its line, as read whole", async () => {
        // Its opening keys are read to skip it; the bad escape must make it be parsed whole, not escape as a bare JSON error.
        const skippable = `{"address":"aws_s3_bucket.logs\\q","mode":"managed","type":"aws_s3_bucket","name":"logs","change":{"actions":["create"],"after":{}}},`;
        const at = original.indexOf("[", start) + 1;
        const text = original.slice(0, at) + skippable + original.slice(at);
        const file = path.join(dir, "bad-escape.json");
        writeFileSync(file, text);
        const whole = readWhole(file, text) as { error: string };
        assert.match(whole.error, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: .*line 1`));
        assert.equal(readWith(file, "inline"), undefined);
        assert.equal(readWith(file, "parallel"), undefined);
        assert.deepEqual(await readByChanges(file), whole);
    });

    test(`Noncompliance: ${MUTATIONS} byte mutations of resource_changes and configuration read the same both ways, or fail in both (seed ${SEED})`, async () => {
        const next = random(SEED);
        const pieces = ["{", "}", "[", "]", "\"", "\\", ",", ":", " ", "\n", "\t", "x", "0", "null", "é", "\u0001", "\"type\":\"aws_s3_bucket\","];
        let agreedOnResources = 0;
        for (let i = 0; i < MUTATIONS; i++) {
            let text = original;
            for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits--) {
                const at = start + Math.floor(next() * (text.length - start));
                const kind = next();
                text = kind < 0.4 ? text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at)
                    : kind < 0.8 ? text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 4))
                        : text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at + 1);
            }
            const file = path.join(dir, `mutated-${i % 8}.json`);
            writeFileSync(file, text);
            const whole = readWhole(file, text);
            const byChanges = await readByChanges(file);
            if (i % 4 === 0) {
                // A walk in a worker thread gives what the walk in this thread gives: the resources, a whole read, or the error.
                assert.deepEqual(readWith(file, "parallel"), readWith(file, "inline"), `mutation ${i} walked in a worker (replay with PLAN_FILE_SEED=${SEED})`);
            }
            if (Array.isArray(whole) || Array.isArray(byChanges)) {
                // A mutation that leaves a readable plan gives the same resources.
                assert.deepEqual(byChanges, whole, `mutation ${i} (replay with PLAN_FILE_SEED=${SEED})`);
                agreedOnResources++;
            } else if (!(whole as { error: string }).error.includes("not valid JSON") && !(whole as { error: string }).error.includes("JSON ends early")) {
                // Valid JSON but not a plan Terraform writes: the same error, naming the same place.
                assert.deepEqual(byChanges, whole, `mutation ${i} (replay with PLAN_FILE_SEED=${SEED})`);
            } else {
                assert.ok((byChanges as { error: string }).error.startsWith(`${file}: `), `mutation ${i}: ${JSON.stringify(byChanges)}`);
            }
        }
        // The mutations are not all fatal: some land in strings and keep the plan readable.
        assert.ok(agreedOnResources > MUTATIONS / 20, `only ${agreedOnResources} mutations kept a readable plan`);
    });
});

/** The configuration's resources by address, module prefixes included, the last of an address kept (as the reading indexes them). */
function configuredByAddress(module: any, prefix = "", into = new Map<string, unknown>()): Map<string, unknown> {
    for (const resource of module?.resources ?? []) {
        into.set(prefix + resource.address, resource);
    }
    for (const [name, call] of Object.entries<any>(module?.module_calls ?? {})) {
        configuredByAddress(call?.module, `${prefix}module.${name}.`, into);
    }
    return into;
}

/** Those of them whose configuration a converted change may use: managed resources of types rules read (or in modules). */
function readableByAddress(configuration: any): [string, unknown][] {
    return [...configuredByAddress(configuration?.root_module)].filter(([address]) => {
        const type = address.replace(/^(module\.[^.]+\.)+/, "").split(".")[0];
        return !address.startsWith("data.") && canonicalType(type) !== undefined;
    });
}

/** The configuration's resource addresses, module prefixes included, in the order the reading indexes them (resources, then module calls). */
function configuredAddresses(module: any, prefix = ""): string[] {
    if (!module) {
        return [];
    }
    return [...(module.resources ?? []).map((resource: any) => prefix + resource.address),
        ...Object.entries<any>(module.module_calls ?? {}).flatMap(([name, call]) => configuredAddresses(call?.module, `${prefix}module.${name}.`))];
}

describe("an estate's configuration: resources of types no rule reads are passed over, and the plan reads as parsed whole", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-plan-configuration-"));
    const base = path.join(dir, "estate.json");
    // 8,000 changes, one API in ten: a configuration of 1.7 MB, nine tenths of it buckets, instances, queues and tables.
    generateEstatePlan(8000, base);
    const plan = JSON.parse(readFileSync(base, "utf8"));

    /**
     * The estate with modules around two APIs (one nested), data sources, resources no rule reads
     * inside the modules, and one API resource whose configured address spells its type with an escape.
     */
    const estate = (() => {
        const moved = new Map<string, string>(); // change address → module address
        const inModule = (first: number, module: string) => plan.resource_changes.slice(first, first + 10).forEach((change: any) => moved.set(change.address, module));
        inModule(0, "module.api");
        inModule(100, "module.api.module.inner");
        const changes = plan.resource_changes.map((change: any) => moved.has(change.address)
            ? { ...change, address: `${moved.get(change.address)}.${change.address}`, module_address: moved.get(change.address) } : change);
        const resources = plan.configuration.root_module.resources;
        const moduleResources = (module: string) => resources.filter((resource: any) => moved.get(resource.address) === module);
        // Strings with escaped quotes, brackets and a trailing backslash: the walk must not take them for structure.
        const tricky = { constant_value: "{\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"arn:aws:s3:::logs/*\"}]} a \"[\" b { C:\\logs\\" };
        const bucket = (name: string) => ({ address: `aws_s3_bucket.${name}`, mode: "managed", type: "aws_s3_bucket", name,
            expressions: { bucket: { constant_value: name }, policy: tricky } });
        const data = { address: "data.aws_iam_policy_document.assume", mode: "data", type: "aws_iam_policy_document", name: "assume",
            expressions: { statement: [{ actions: { constant_value: ["sts:AssumeRole"] } }] } };
        const configuration: any = {
            provider_config: plan.configuration.provider_config,
            root_module: {
                resources: [data, ...resources.filter((resource: any) => !moved.has(resource.address))],
                module_calls: {
                    api: {
                        source: "./api", expressions: { name: { constant_value: "api" } },
                        module: {
                            resources: [bucket("in-module"), ...moduleResources("module.api")],
                            module_calls: { inner: { source: "./inner", module: { resources: [...moduleResources("module.api.module.inner"), bucket("inner")] } } },
                        },
                    },
                },
                variables: { region: { default: "eu-west-1" } },
            },
        };
        // Functions no rule reads, skipped by their opening keys (instance keys, a count index, a module), and permissions referring to them.
        const lambdaChange = (address: string, extra: Record<string, unknown> = {}) => ({ address, ...extra, mode: "managed", type: "aws_lambda_function",
            name: address.replace(/^.*aws_lambda_function\.([a-z]+).*$/, "$1"), provider_name: "registry.terraform.io/hashicorp/aws",
            change: { actions: ["create"], before: null, after: { runtime: "nodejs20.x" }, after_unknown: { arn: true }, before_sensitive: false, after_sensitive: {} } });
        const permissionChange = (address: string, extra: Record<string, unknown> = {}) => ({ address, ...extra, mode: "managed", type: "aws_lambda_permission",
            name: "invoke", provider_name: "registry.terraform.io/hashicorp/aws", change: { actions: ["create"], before: null,
                after: { action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com" }, after_unknown: { function_name: true, source_arn: true },
                before_sensitive: false, after_sensitive: {} } });
        changes.push(
            lambdaChange("aws_lambda_function.fn[\"blue\"]", { index: "blue" }), lambdaChange("aws_lambda_function.fn[\"green\"]", { index: "green" }),
            lambdaChange("aws_lambda_function.counted[0]", { index: 0 }),
            lambdaChange("module.api.aws_lambda_function.handler", { module_address: "module.api" }),
            permissionChange("aws_lambda_permission.invoke_fn"), permissionChange("aws_lambda_permission.invoke_counted"),
            permissionChange("module.api.aws_lambda_permission.invoke", { module_address: "module.api" }));
        const permission = (address: string, reference: string) => ({ address, mode: "managed", type: "aws_lambda_permission", name: "invoke",
            expressions: { function_name: { references: [reference, reference.slice(0, reference.lastIndexOf("."))] }, statement_id: tricky } });
        configuration.root_module.resources.push(permission("aws_lambda_permission.invoke_fn", "aws_lambda_function.fn.function_name"),
            permission("aws_lambda_permission.invoke_counted", "aws_lambda_function.counted[0].function_name"));
        configuration.root_module.module_calls.api.module.resources.push(permission("aws_lambda_permission.invoke", "aws_lambda_function.handler.arn"));
        const text = JSON.stringify({ ...plan, resource_changes: changes, configuration });
        // The configuration's stage of the third API (the change keeps its plain address), its type spelled with an escape.
        const at = text.lastIndexOf("{\"address\":\"aws_api_gateway_stage.prod2\"");
        assert.ok(at > text.indexOf("\"configuration\":"));
        return text.slice(0, at) + text.slice(at).replace("aws_api_gateway_stage.prod2", "aws_api_gateway_st\\u0061ge.prod2");
    })();
    const configurationText = (text: string) => JSON.stringify(JSON.parse(text).configuration);

    const readsAsWhole = async (name: string, text: string) => {
        const file = path.join(dir, name);
        writeFileSync(file, text);
        const whole = readWhole(file, text);
        assert.deepEqual(await readByChanges(file), whole, name);
        assert.deepEqual(readWith(file, "parallel"), readWith(file, "inline"), name);
        return whole;
    };

    test("Compliance: the configuration of what rules read is kept, modules, nested modules and an escaped address included; the rest is passed over, and references to skipped changes resolve", async () => {
        const kept = readableConfiguration(configurationText(estate));
        const all = configuredAddresses(JSON.parse(estate).configuration.root_module);
        const readable = all.filter((address) => canonicalType(address.replace(/^(module\.[^.]+\.)+/, "").split(".")[0]) !== undefined);
        assert.ok(readable.length === 803 && all.length === 8000 + 6, `${readable.length} of ${all.length}`);
        assert.deepEqual(configuredAddresses((kept as any)?.root_module), readable);
        const whole = await readsAsWhole("estate.json", estate);
        assert.ok(Array.isArray(whole) && whole.length === 803);
        // Permissions refer to functions whose changes were skipped: by their addresses, instance keys and module included.
        const refsOf = (address: string) => (whole as unknown[][]).find((facts) => facts[0] === address)![4];
        assert.deepEqual(refsOf("aws_lambda_permission.invoke_fn"), { function: ["aws_lambda_function.fn[\"blue\"]", "aws_lambda_function.fn[\"green\"]"] });
        assert.deepEqual(refsOf("aws_lambda_permission.invoke_counted"), { function: ["aws_lambda_function.counted[0]"] });
        assert.deepEqual(refsOf("module.api.aws_lambda_permission.invoke"), { function: ["module.api.aws_lambda_function.handler"] });
        // The escaped stage's configuration is read: its references link it to its API and deployment.
        const stage = (whole as unknown[][]).find((facts) => facts[0] === "aws_api_gateway_stage.prod2")!;
        assert.deepEqual(Object.keys(stage[4] as object).sort(), ["deployment", "restApi"]);
    });

    test("Compliance: indented, or mostly of what rules read, a configuration is parsed whole, and reads the same", async () => {
        const indented = JSON.stringify(JSON.parse(estate), null, 2);
        assert.equal(readableConfiguration(JSON.stringify(JSON.parse(estate).configuration, null, 2)), undefined);
        assert.deepEqual(await readsAsWhole("indented.json", indented), readWhole(base, estate));
        const apis = path.join(dir, "apis.json");
        generatePlan(8000, apis);
        assert.equal(readableConfiguration(configurationText(readFileSync(apis, "utf8"))), undefined);
    });

    test("Noncompliance: shapes the walk does not take are read as a whole parse reads them, errors worded alike", async () => {
        const parsed = JSON.parse(estate);
        const api = parsed.configuration.root_module.module_calls.api;
        const variants: [string, string, string?][] = [
            ["proto-module.json", JSON.stringify({ ...parsed, configuration: { ...parsed.configuration, root_module: { ...parsed.configuration.root_module,
                module_calls: JSON.parse(`{"__proto__":${JSON.stringify(api)}}`) } } })],
            ["resources-object.json", JSON.stringify({ ...parsed, configuration: { ...parsed.configuration, root_module: { ...parsed.configuration.root_module,
                module_calls: { api: { ...api, module: { ...api.module, resources: {} } } } } } }), "module_calls.api.module.resources: not a list"],
            ["resource-string.json", JSON.stringify({ ...parsed, configuration: { ...parsed.configuration, root_module: { ...parsed.configuration.root_module,
                resources: [...parsed.configuration.root_module.resources, "aws_s3_bucket.x"] } } }), "it needs an `address`"],
            ["resources-null.json", JSON.stringify({ ...parsed, configuration: { ...parsed.configuration, root_module: { ...parsed.configuration.root_module,
                module_calls: { api: { ...api, module: { ...api.module, resources: null } } } } } })],
        ];
        for (const [name, text, error] of variants) {
            const whole = await readsAsWhole(name, text);
            if (error) {
                assert.ok((whole as { error: string }).error.includes(error), `${name}: ${JSON.stringify(whole)}`);
            } else {
                assert.ok(Array.isArray(whole) && whole.length > 0, name);
            }
        }
    });

    test(`Noncompliance 3: ${CONFIGURATION_MUTATIONS} one-byte mutations of the estate's configuration: what rules may read is what JSON.parse reads, or the text is parsed whole (seed ${SEED})`, () => {
        const next = random(SEED + 1);
        const original = configurationText(estate);
        const readableOriginal = readableByAddress(JSON.parse(original));
        const pieces = ["{", "}", "[", "]", "\"", "\\", "\\\\", ",", ":", " ", "x", "0", "null", "é", "\u0001", "{\"address\":\"aws_api_gateway_stage.x\"},"];
        const outcomes = { walked: 0, parsedWhole: 0, rejectedByTheWalk: 0, walkedPastBrokenJson: 0 };
        for (let i = 0; i < CONFIGURATION_MUTATIONS; i++) {
            const at = Math.floor(next() * original.length);
            const kind = next();
            const piece = pieces[Math.floor(next() * pieces.length)];
            const text = kind < 0.4 ? original.slice(0, at) + piece + original.slice(at)
                : kind < 0.8 ? original.slice(0, at) + original.slice(at + 1) : original.slice(0, at) + piece + original.slice(at + 1);
            const walked = readableConfiguration(text);
            if (walked === undefined) {
                outcomes.parsedWhole++;
                continue;
            }
            // The file's walk checks every byte's structure (brackets, strings, control characters): what it rejects is read whole.
            const bytes = Buffer.from(text);
            if (!sections.byteLayout((buffer, position) => bytes.copy(buffer, 0, position), "resource_changes")) {
                outcomes.rejectedByTheWalk++;
                continue;
            }
            outcomes.walked++;
            let whole: unknown;
            try {
                whole = JSON.parse(text);
            } catch {
                // Broken JSON the walk passed over, as it passes over a skipped change: nothing rules may read has changed.
                outcomes.walkedPastBrokenJson++;
                assert.deepEqual(readableByAddress(walked), readableOriginal, `mutation ${i} at ${at} (replay with PLAN_FILE_SEED=${SEED})`);
                continue;
            }
            assert.deepEqual(readableByAddress(walked), readableByAddress(whole), `mutation ${i} at ${at} (replay with PLAN_FILE_SEED=${SEED})`);
        }
        // Most mutations land in resources passed over (some breaking their JSON); some break what the walk reads, and those are parsed whole.
        assert.ok(outcomes.walked > CONFIGURATION_MUTATIONS / 2 && outcomes.parsedWhole > 0 && outcomes.walkedPastBrokenJson > 0, JSON.stringify(outcomes));
    });

    test("Noncompliance 2: broken JSON in the configuration is an error naming the file, whether in what rules read or in what is passed over", async () => {
        const inStage = estate.lastIndexOf("{\"address\":\"aws_api_gateway_stage.prod3\"");
        const inBucket = estate.lastIndexOf("{\"address\":\"aws_s3_bucket.r1_0\"");
        for (const [name, text] of [
            // A colon dropped in an API's stage: parsed, so JSON.parse says so.
            ["broken-stage.json", estate.slice(0, inStage) + estate.slice(inStage).replace("\"expressions\":", "\"expressions\"")],
            // A bracket dropped in a bucket: passed over, and the walk of the file's structure says so.
            ["broken-bucket.json", estate.slice(0, inBucket) + estate.slice(inBucket).replace("\"expressions\":{", "\"expressions\":")],
        ]) {
            const file = path.join(dir, name);
            writeFileSync(file, text);
            const byChanges = await readByChanges(file) as { error: string };
            assert.ok(typeof byChanges.error === "string" && byChanges.error.startsWith(`${file}: `), `${name}: ${JSON.stringify(byChanges).slice(0, 200)}`);
            assert.deepEqual(byChanges, readWhole(file, text), name);
        }
    });
});
