import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { App, Aspects, Testing, TerraformStack } from "cdktf";
import { AwsProvider, GatehouseAspect, SecureHttpApi, SecureRestApi, SecureWebSocketApi } from "gatehouse-apigw/cdktf";
import { baseline } from "../../components/baseline";
import { synth as synthInsecure } from "../../examples/cdktf-insecure/main";
import { secureApp } from "../../examples/cdktf-secure/main";
import { scanConfiguration } from "../../policies/scan/config";
import { scanPaths } from "../../policies/scan/scan";
import { catalog } from "../../policies/catalog";
import { evaluateJson, NOT_A_ROOT } from "../../policies/terraform/hcl-eval";
import { offlineTerraform } from "../helpers/terraform";
import { packTarball, unpackInto } from "../helpers/packaging";

const ROOT = path.resolve(__dirname, "../../..");
const HANDLER = "arn:aws:lambda:us-east-1:123456789012:function:orders-list";
const tags = { owner: "team-orders", environment: "prod" };

function scratch(prefix: string): string {
    return mkdtempSync(path.join(os.tmpdir(), `gatehouse-${prefix}-`));
}

/** The mandatory rule ids of the insecure REST stack (examples/cdktf-insecure, legacy-rest). */
const INSECURE_REST_MANDATORY = [
    // lambda-permission-scoped: the source ARN is the API's execution ARN with `/*/*`.
    "api-gateway-role-least-privilege", "api-key-not-hardcoded", "custom-domain-tls", "lambda-permission-scoped", "rest-execution-logging", "rest-method-authorization",
    "rest-stage-waf", "rest-stage-xray", "stage-access-logging", "stage-throttling", "usage-plan-limits",
];

/** `[rule-id]`s in a synth failure message. */
function ruleIdsIn(message: string): string[] {
    return [...new Set([...message.matchAll(/: \[([a-z0-9-]+)\]/g)].map((match) => match[1]))].sort();
}

/** A stack with the aws provider declared, as cdktf's own validation requires. */
function testStack(id: string): TerraformStack {
    const stack = new TerraformStack(Testing.app(), id);
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    return stack;
}

function synthesized(stack: TerraformStack): any {
    return JSON.parse(Testing.synth(stack));
}

const ANNOTATION_LEVELS: Record<string, string> = { "@cdktf/info": "info", "@cdktf/warn": "warning", "@cdktf/error": "error" };

function annotations(stack: TerraformStack): { level: string; path: string; message: string }[] {
    return stack.node.findAll().flatMap((construct) => construct.node.metadata
        .filter((entry) => entry.type in ANNOTATION_LEVELS)
        .map((entry) => ({ level: ANNOTATION_LEVELS[entry.type], path: construct.node.path, message: String(entry.data) })));
}

describe("GatehouseAspect on the example apps", () => {
    test("Compliance: the secure app synthesizes with the aspect and zero findings, and its output scans clean", async () => {
        const outdir = path.join(scratch("cdktf-secure"), "cdktf.out");
        const aspect = new GatehouseAspect();
        secureApp(outdir, aspect).synth();
        assert.deepEqual(aspect.findings.map((stack) => [stack.stack, stack.results.length]), [["orders", 0], ["catalog", 0], ["chat", 0]]);
        const outcome = await scanPaths([outdir], catalog, scanConfiguration(catalog, undefined, "defaults"), "mandatory");
        assert.equal(outcome.inputs.length, 3);
        assert.ok(outcome.inputs.every((input) => input.resources.length > 5));
        assert.deepEqual(outcome.findings.map((finding) => `${finding.ruleId} ${finding.resource?.id}`), []);
    });

    test("Noncompliance 1: the insecure app fails synth, listing the mandatory rule ids of every stack on their resources", () => {
        const outdir = path.join(scratch("cdktf-insecure"), "cdktf.out");
        const aspect = new GatehouseAspect();
        assert.throws(() => synthInsecure(outdir, aspect), (error: Error) => {
            assert.deepEqual(ruleIdsIn(error.message), [...INSECURE_REST_MANDATORY, "cors-allowed-origins", "v2-route-authorization"].sort());
            assert.match(error.message, /legacy-rest\/prod: \[rest-stage-xray\]/);
            assert.doesNotMatch(error.message, /pk_live_/, "a secret's value is never printed");
            return true;
        });
        const [rest] = aspect.findings;
        assert.equal(rest.stack, "legacy-rest");
        assert.deepEqual([...new Set(rest.results.filter((r) => r.level === "mandatory").map((r) => r.ruleId))].sort(), INSECURE_REST_MANDATORY);
        assert.ok(rest.results.some((r) => r.level === "advisory" && r.ruleId === "required-tags"), "advisory findings are reported too");
    });

    test("Noncompliance 2: under Testing.synth with validations, findings fail the stack; advisory ones are warnings on the resource", () => {
        const stack = testStack("open");
        new SecureRestApi(stack, "orders", { tags, routes: [{ method: "GET", path: "/orders", handler: { arn: HANDLER } }], webAcl: { enabled: false }, alarms: { enabled: false } });
        Aspects.of(stack).add(new GatehouseAspect());
        assert.throws(() => Testing.synth(stack, true), (error: Error) => {
            assert.deepEqual(ruleIdsIn(error.message), ["rest-stage-waf"]);
            return true;
        });
        const notes = annotations(stack);
        assert.ok(notes.some((note) => note.level === "error" && note.path === "open/orders/stage" && note.message.startsWith("[rest-stage-waf]")));
        assert.ok(notes.some((note) => note.level === "warning" && note.path === "open/orders/stage" && note.message.startsWith("[stage-alarms]")));
        // The construct announced both weakened defaults when it was built.
        assert.ok(notes.some((note) => note.level === "warning" && note.path === "open/orders" && /webAcl|waf/.test(note.message) && note.message.includes("rest-stage-waf")));
        assert.ok(notes.some((note) => note.level === "warning" && note.path === "open/orders" && note.message.includes("stage-alarms")));
    });

    test("Compliance: overrides added with addOverride are what the aspect checks", () => {
        const stack = testStack("overridden");
        const api = new SecureRestApi(stack, "orders", { tags, routes: [{ method: "GET", path: "/orders", handler: { arn: HANDLER } }] });
        api.stage.addOverride("xray_tracing_enabled", false);
        const aspect = new GatehouseAspect();
        Aspects.of(stack).add(aspect);
        assert.throws(() => Testing.synth(stack, true), /\[rest-stage-xray\]/);
    });

    test("Compliance: configuration and waivers are the pack's: a level lowered, a finding waived with its reason", () => {
        const build = (config: Record<string, unknown>) => {
            const stack = testStack("configured");
            new SecureRestApi(stack, "orders", { tags, routes: [{ method: "GET", path: "/orders", handler: { arn: HANDLER } }], tracingEnabled: false });
            const aspect = new GatehouseAspect({ config });
            Aspects.of(stack).add(aspect);
            Testing.synth(stack, true);
            return { notes: annotations(stack), results: aspect.findings[0].results };
        };
        const advisory = build({ "rest-stage-xray": "advisory" });
        assert.deepEqual(advisory.results.map((r) => `${r.level} ${r.ruleId}`), ["advisory rest-stage-xray"]);
        assert.ok(advisory.notes.some((note) => note.level === "warning" && note.message.startsWith("[rest-stage-xray]")));
        const waived = build({ "gatehouse-waivers": { waivers: [{ rule: "rest-stage-xray", resource: "aws_api_gateway_stage.*", reason: "tracing costs too much in this sandbox" }] } });
        assert.equal(waived.results[0].waived?.reason, "tracing costs too much in this sandbox");
        assert.ok(waived.notes.some((note) => note.level === "info" && note.message.includes("waived: tracing costs too much in this sandbox")));
    });

    test("Noncompliance 3: a configuration mistake fails when the aspect is built, naming the setting", () => {
        assert.throws(() => new GatehouseAspect({ config: { "access-log-group": { minimumRetentionDays: "a year" } } }),
            (error: Error) => error.name === "ConfigError" && /access-log-group\.minimumRetentionDays/.test(error.message));
        const file = path.join(scratch("cdktf-config"), "policy-config.json");
        writeFileSync(file, "{ not json");
        assert.throws(() => new GatehouseAspect({ configFile: file }), (error: Error) => error.message.includes(file));
    });
});

describe("the CDKTF constructs", () => {
    test("SecureRestApi: hardened resources and key attributes", () => {
        const stack = testStack("rest");
        new SecureRestApi(stack, "orders", {
            tags,
            routes: [{ method: "GET", path: "/orders/{id}", handler: { arn: HANDLER } }],
            authorizer: { cognito: { userPoolArns: ["arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Orders01"] } },
            domain: { args: { domainName: "orders.example.com", certificate: { existing: "arn:aws:acm:us-east-1:123456789012:certificate/abc" } } },
        });
        const json = Testing.synth(stack);
        const has = (type: string, properties: Record<string, unknown>) => assert.ok(Testing.toHaveResourceWithProperties(json, type, properties), `${type} ${JSON.stringify(properties)}`);
        has("aws_api_gateway_rest_api", { endpoint_configuration: { types: ["REGIONAL"] }, disable_execute_api_endpoint: true, tags });
        has("aws_api_gateway_method", { http_method: "GET", authorization: "COGNITO_USER_POOLS" });
        has("aws_api_gateway_stage", { stage_name: "prod", xray_tracing_enabled: true });
        has("aws_api_gateway_method_settings", { method_path: "*/*", settings: { logging_level: "INFO", metrics_enabled: true, data_trace_enabled: false,
            throttling_burst_limit: 500, throttling_rate_limit: 1000 } });
        has("aws_cloudwatch_log_group", { retention_in_days: 365 });
        has("aws_api_gateway_domain_name", { security_policy: "TLS_1_2" });
        has("aws_api_gateway_request_validator", { validate_request_body: true, validate_request_parameters: true });
        has("aws_wafv2_web_acl_association", {});
        has("aws_api_gateway_integration", { type: "AWS_PROXY",
            uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${HANDLER}/invocations` });
        const resources = synthesized(stack).resource;
        const role = Object.values<any>(resources.aws_iam_role)[0];
        // Its policy is a role policy of its own: Terraform deprecates the role's `inline_policy`.
        assert.equal(role.inline_policy, undefined);
        const rolePolicies = Object.values<any>(resources.aws_iam_role_policy);
        assert.equal(rolePolicies.length, 1);
        assert.match(rolePolicies[0].role, /^\$\{aws_iam_role\..*\.id\}$/);
        assert.deepEqual(JSON.parse(evaluateJson(rolePolicies[0].policy, { root: () => NOT_A_ROOT, reference: () => undefined }) as string).Statement,
            [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: HANDLER }], "the invoke role may invoke exactly the handler");
        // Two resources for /orders/{id}, chained from the API root.
        assert.deepEqual(Object.values<any>(resources.aws_api_gateway_resource).map((r) => r.path_part).sort(), ["orders", "{id}"]);
    });

    test("SecureHttpApi: hardened resources and key attributes", () => {
        const stack = testStack("http");
        new SecureHttpApi(stack, "catalog", {
            tags, routes: [{ method: "GET", path: "/items", handler: { arn: HANDLER } }],
            authorizer: { jwt: { issuer: "https://issuer.example.com/", audiences: ["catalog"] } },
            throttling: { burstLimit: 50 },
        });
        const json = Testing.synth(stack);
        const has = (type: string, properties: Record<string, unknown>) => assert.ok(Testing.toHaveResourceWithProperties(json, type, properties), `${type} ${JSON.stringify(properties)}`);
        has("aws_apigatewayv2_api", { protocol_type: "HTTP", tags });
        has("aws_apigatewayv2_route", { route_key: "GET /items", authorization_type: "JWT" });
        has("aws_apigatewayv2_authorizer", { authorizer_type: "JWT", jwt_configuration: { issuer: "https://issuer.example.com/", audience: ["catalog"] } });
        has("aws_apigatewayv2_stage", { name: "$default", default_route_settings: { throttling_burst_limit: 50, throttling_rate_limit: 1000 } });
        has("aws_apigatewayv2_integration", { integration_type: "AWS_PROXY", integration_uri: HANDLER });
        assert.equal(Object.keys(synthesized(stack).resource.aws_cloudwatch_metric_alarm).length, 3);
    });

    test("SecureWebSocketApi: an authorized $connect, routes invoked with the role, logged and throttled stage", () => {
        const stack = testStack("socket");
        new SecureWebSocketApi(stack, "chat", {
            tags, routes: [{ routeKey: "sendMessage", handler: { arn: HANDLER } }],
            authorizer: { lambda: { handler: { arn: "arn:aws:lambda:us-east-1:123456789012:function:chat-authorizer" } } },
        });
        const json = Testing.synth(stack);
        const has = (type: string, properties: Record<string, unknown>) => assert.ok(Testing.toHaveResourceWithProperties(json, type, properties), `${type} ${JSON.stringify(properties)}`);
        has("aws_apigatewayv2_api", { protocol_type: "WEBSOCKET", route_selection_expression: "$request.body.action", tags });
        has("aws_apigatewayv2_authorizer", { authorizer_type: "REQUEST", identity_sources: ["route.request.header.Authorization"] });
        has("aws_apigatewayv2_route", { route_key: "$connect", authorization_type: "CUSTOM" });
        has("aws_apigatewayv2_route", { route_key: "sendMessage", authorization_type: "NONE" });
        has("aws_apigatewayv2_integration", { integration_type: "AWS_PROXY", integration_method: "POST",
            integration_uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${HANDLER}/invocations` });
        has("aws_apigatewayv2_integration", { integration_type: "MOCK" });
        has("aws_apigatewayv2_stage", { name: "prod", auto_deploy: true, default_route_settings: {
            throttling_burst_limit: 500, throttling_rate_limit: 1000, logging_level: "INFO", data_trace_enabled: false, detailed_metrics_enabled: true } });
        const resources = synthesized(stack).resource;
        const stage = Object.values<any>(resources.aws_apigatewayv2_stage)[0];
        assert.deepEqual(Object.keys(JSON.parse(stage.access_log_settings.format)).sort(), Object.keys(baseline.websocketAccessLogFormat).sort());
        for (const integration of Object.values<any>(resources.aws_apigatewayv2_integration).filter((i) => i.integration_type === "AWS_PROXY")) {
            assert.match(integration.credentials_arn, /^\$\{aws_iam_role\..*\.arn\}$/, "invoked with the least-privilege role");
        }
        assert.deepEqual(Object.values<any>(resources.aws_cloudwatch_metric_alarm).map((alarm) => alarm.metric_name).sort(), ["ClientError", "ExecutionError", "IntegrationError"]);
    });

    test("Noncompliance: SecureWebSocketApi with an unauthenticated $connect is announced and fails synth under the aspect", () => {
        const stack = testStack("open-socket");
        new SecureWebSocketApi(stack, "chat", { tags, routes: [{ routeKey: "$default", handler: { arn: HANDLER } }], connect: { authorization: "none" } });
        Aspects.of(stack).add(new GatehouseAspect());
        assert.throws(() => Testing.synth(stack, true), (error: Error) => {
            assert.deepEqual(ruleIdsIn(error.message), ["v2-route-authorization"]);
            return true;
        });
        assert.ok(annotations(stack).some((note) => note.level === "warning" && note.path === "open-socket/chat" && note.message.startsWith("connect.authorization is \"none\"")));
    });

    test("Noncompliance: a mistake in the arguments fails before any resource is declared", () => {
        const stack = testStack("bad");
        assert.throws(() => new SecureRestApi(stack, "orders", { tags, routes: [{ method: "GET", path: "/", handler: { arn: HANDLER }, httpBackend: { uri: "https://x" } }] }),
            /route "GET \/" needs exactly one of `handler` or `httpBackend`/);
        assert.throws(() => new SecureRestApi(stack, "refs", { tags, routes: [{ method: "GET", path: "/", handler: { arn: "${aws_lambda_function.f.arn}" } }] }),
            /give `invokeArn` too/);
        assert.deepEqual(stack.node.children.map((child) => child.node.id), ["aws"], "only the provider: no construct was left half-built");
    });
});

describe("the secure app's synth output in Terraform", () => {
    const terraform = offlineTerraform();
    const skip = typeof terraform === "string" ? terraform : false;
    for (const stack of ["orders", "catalog", "chat"]) {
        test(`${stack}: terraform validate and an offline plan pass, and the plan scans with zero findings`, { skip }, async () => {
            if (typeof terraform === "string") {
                return;
            }
            const outdir = path.join(scratch("cdktf-plan"), "cdktf.out");
            secureApp(outdir).synth();
            const workdir = terraform.init(path.join(outdir, "stacks", stack));
            terraform.validate(workdir);
            const plan = terraform.plan(workdir);
            const outcome = await scanPaths([plan], catalog, scanConfiguration(catalog, undefined, "defaults"), "mandatory");
            assert.equal(outcome.inputs[0].format, "terraform-plan");
            assert.ok(outcome.inputs[0].resources.length > 5);
            assert.deepEqual(outcome.findings.map((finding) => `${finding.kind} ${finding.ruleId} ${finding.resource?.id}`), []);
        });
    }
});

describe("GatehouseAspect across an app's stacks", () => {
    /** An app with two stacks: an open REST API (failing) and a second one, open or hardened. */
    function twoStackApp(secondHardened: boolean) {
        const outdir = scratch("cdktf-app");
        const app = new App({ outdir });
        const stacks = ["first", "second"].map((id) => {
            const stack = new TerraformStack(app, id);
            new AwsProvider(stack, "aws", { region: "us-east-1" });
            return stack;
        });
        new SecureRestApi(stacks[0], "orders", { tags, routes: [{ method: "GET", path: "/orders", handler: { arn: HANDLER } }], webAcl: { enabled: false } });
        new SecureRestApi(stacks[1], "catalog", { tags, routes: [{ method: "GET", path: "/items", handler: { arn: HANDLER } }], ...(secondHardened ? {} : { webAcl: { enabled: false } }) });
        return { app, outdir };
    }

    /** stderr written while `run` runs. */
    function stderrOf(run: () => void): string {
        const write = process.stderr.write;
        let captured = "";
        process.stderr.write = ((chunk: string | Uint8Array) => {
            captured += String(chunk);
            return true;
        }) as typeof process.stderr.write;
        try {
            run();
        } finally {
            process.stderr.write = write;
        }
        return captured;
    }

    test("Noncompliance 1: added to the App (cdk-nag's habit), it checks every stack instead of silently doing nothing", () => {
        const { app } = twoStackApp(true);
        const aspect = new GatehouseAspect();
        Aspects.of(app).add(aspect);
        assert.throws(() => app.synth(), (error: Error) => {
            assert.match(error.message, /first\/orders\/stage: \[rest-stage-waf\]/);
            return true;
        });
        assert.deepEqual(aspect.findings.map((entry) => entry.stack), ["first", "second"]);
    });

    test("Noncompliance 2: a failing synth lists the findings of every failing stack, not only the first", () => {
        const { app } = twoStackApp(false);
        Aspects.of(app).add(new GatehouseAspect());
        assert.throws(() => app.synth(), (error: Error) => {
            assert.match(error.message, /first\/orders\/stage: \[rest-stage-waf\]/);
            assert.match(error.message, /second\/catalog\/stage: \[rest-stage-waf\]/);
            return true;
        });
    });

    test("Compliance: a passing synth prints one line saying the aspect ran", () => {
        const outdir = scratch("cdktf-pass");
        const app = new App({ outdir });
        const stack = new TerraformStack(app, "hardened");
        new AwsProvider(stack, "aws", { region: "us-east-1" });
        new SecureRestApi(stack, "orders", { tags, routes: [{ method: "GET", path: "/orders", handler: { arn: HANDLER } }] });
        Aspects.of(app).add(new GatehouseAspect());
        const stderr = stderrOf(() => app.synth());
        assert.match(stderr, /^gatehouse: GatehouseAspect checked 1 stack: no mandatory finding, \d+ advisory, 0 waived\n$/);
    });
});

describe("cdktf as a peer dependency", () => {
    test("Compliance: the packed package uses the app's own cdktf, and its aspect fails the app's synth", () => {
        const app = scratch("cdktf-peer");
        const modules = path.join(app, "node_modules");
        mkdirSync(modules);
        const { tarball, files } = packTarball(app);
        assert.ok(files.every((file) => !file.path.includes("node_modules")), "no bundled dependency");
        const installed = unpackInto(modules, "gatehouse-apigw", tarball);
        const manifest = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8"));
        assert.equal(manifest.dependencies?.cdktf, undefined, "cdktf is not a dependency");
        assert.ok(manifest.peerDependencies?.cdktf && manifest.peerDependenciesMeta?.cdktf?.optional, "cdktf is an optional peer dependency");
        // The app's dependencies, installed next to gatehouse as npm would.
        for (const dependency of ["cdktf", "constructs", "@cdktf"]) {
            symlinkSync(path.join(ROOT, "node_modules", dependency), path.join(modules, dependency));
        }
        writeFileSync(path.join(app, "main.js"), `
const { App, Aspects, TerraformStack } = require("cdktf");
const { AwsProvider, AwsResource, GatehouseAspect } = require("gatehouse-apigw/cdktf");
const fromGatehouse = require.resolve("cdktf", { paths: [require.resolve("gatehouse-apigw/cdktf")] });
if (fromGatehouse !== require.resolve("cdktf")) throw new Error("two copies of cdktf: " + fromGatehouse);
const app = new App({ outdir: ${JSON.stringify(path.join(app, "cdktf.out"))} });
const stack = new TerraformStack(app, "open");
new AwsProvider(stack, "aws", { region: "us-east-1" });
new AwsResource(stack, "api", "aws_apigatewayv2_api", { name: "open", protocol_type: "HTTP", tags: { owner: "a", environment: "b" } });
new AwsResource(stack, "route", "aws_apigatewayv2_route", { api_id: "abc", route_key: "GET /items" });
Aspects.of(stack).add(new GatehouseAspect());
app.synth();
console.log("synth passed");
`);
        const run = spawnSync(process.execPath, ["main.js"], { cwd: app, encoding: "utf8" });
        const output = run.stdout + run.stderr;
        assert.notEqual(run.status, 0, output);
        assert.match(output, /open\/route: \[v2-route-authorization\]/);
        assert.doesNotMatch(output, /synth passed|two copies/);
    });
});
