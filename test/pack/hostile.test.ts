/**
 * The pack under hostile input, over the real protocol: configuration the engine did not validate,
 * Configure requests the SDK cannot take, secrets in waiver tags and policy documents, and unknown
 * values that used to be misjudged in preview.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { runProgram } from "../../testing/program";
import { WIRE_LEVEL } from "../../testing/protocol";
import type { EmulatedEngine } from "../../testing/engine";
import { resourceName, summarise, usePack } from "../helpers/pack";

const MARK = "zq7secretmark";

/** Protobuf wire encoding, for requests the generated stubs cannot build (they overflow the stack first). */
function varint(value: number): Buffer {
    const bytes: number[] = [];
    while (value > 0x7f) {
        bytes.push((value & 0x7f) | 0x80);
        value >>>= 7;
    }
    bytes.push(value);
    return Buffer.from(bytes);
}
const field = (number: number, payload: Buffer) => Buffer.concat([varint((number << 3) | 2), varint(payload.length), payload]);
const text = (value: string) => Buffer.from(value, "utf8");

/** ConfigureAnalyzerRequest { policyConfig: { [policy]: { enforcementLevel, properties: { [key]: {{{…1}}} nested `depth` levels } } } }. */
function deeplyNestedConfigure(policy: string, key: string, depth: number): Buffer {
    let value = Buffer.concat([varint((2 << 3) | 1), Buffer.from(new Float64Array([1]).buffer)]); // Value.number_value
    for (let level = 0; level < depth; level++) {
        const struct = field(1, Buffer.concat([field(1, text("deeper")), field(2, value)])); // Struct.fields entry
        value = field(5, struct); // Value.struct_value
    }
    const properties = field(1, Buffer.concat([field(1, text(key)), field(2, value)]));
    const policyConfig = Buffer.concat([varint(1 << 3), varint(WIRE_LEVEL.mandatory), field(2, properties)]);
    return field(1, Buffer.concat([field(1, text(policy)), field(2, policyConfig)]));
}

/** A stage whose access logs go to a log group kept for one day, with the log group's tags. */
function loggedToOneDayGroup(name = "fail-one-day", tags?: pulumi.Input<Record<string, pulumi.Input<string>>>): void {
    const logs = new aws.cloudwatch.LogGroup(name, { retentionInDays: 1, tags });
    const api = new aws.apigateway.RestApi(`${name}-api`, {});
    new aws.apigateway.Stage(`${name}-stage`, {
        restApi: api.id, deployment: "d-1", stageName: "prod",
        accessLogSettings: { destinationArn: logs.arn, format: "$context.requestId" },
    });
}
const oneDayLogGroup = () => loggedToOneDayGroup();
/** Only the access-log-group findings about the log group, by level and resource. */
const aboutLogGroup = (diagnostics: readonly { policyName: string; urn: string }[]) =>
    summarise(diagnostics.filter((d) => d.policyName === "access-log-group" && d.urn !== "") as any);

describe("the pack under hostile input", () => {
    const pack = usePack();
    const runWith = async (program: () => void, mode: "up" | "preview", configure?: (engine: EmulatedEngine) => Promise<void>) =>
        pack.engine.run(await runProgram(program, { mode }), { dryRun: mode === "preview", configure });

    test("Noncompliance 1: a setting the engine did not validate (\"abc\" days) is reported, and the rule runs with its default", async () => {
        const run = await runWith(oneDayLogGroup, "up", (engine) => engine.configure(new Map([
            ["access-log-group", { enforcementLevel: "mandatory", properties: { minimumRetentionDays: "abc" } }],
        ])));
        const findings = run.diagnostics.filter((d) => d.policyName === "access-log-group");
        assert.deepEqual(findings.map((d) => `${d.enforcementLevel} ${resourceName(d.urn) || "(stack)"}`).sort(), ["advisory (stack)", "mandatory fail-one-day"]);
        assert.match(findings.find((d) => d.urn !== "")!.message, /365/);
        const problem = findings.find((d) => d.urn === "")!;
        assert.match(problem.message, /\ninvalid configuration: minimumRetentionDays: must be an integer, not string; the rule runs with its default, 365$/);
    });

    test("Noncompliance 2: a Configure request without properties does not fail the RPC; AnalyzeStack says what happened", async () => {
        const run = await runWith(oneDayLogGroup, "up", async (engine) => {
            const proto = (engine as any).proto;
            const request = new proto.analyzer.ConfigureAnalyzerRequest();
            const policyConfig = new proto.analyzer.PolicyConfig();
            policyConfig.setEnforcementlevel(WIRE_LEVEL.advisory);
            request.getPolicyconfigMap().set("access-log-group", policyConfig);
            await engine.pack.call("configure", request);
        });
        const notice = run.diagnostics.filter((d) => d.policyName === "gatehouse-stack-rules");
        assert.equal(notice.length, 1);
        assert.match(notice[0].message, /Gatehouse could not take its configuration: @pulumi\/policy could not take the Configure request \((Error: )?TypeError: Cannot read properties of undefined \(reading 'toJavaScript'\)\); Gatehouse's rules run with the configuration it carried\.$/);
        // The configuration it carried (advisory) is what the rule ran with.
        assert.deepEqual(aboutLogGroup(run.diagnostics), ["advisory access-log-group fail-one-day"]);
    });

    test("Noncompliance 3: properties nested 1,500 levels deep do not fail the RPC; the rules run with their defaults and AnalyzeStack says why", async () => {
        const run = await runWith(oneDayLogGroup, "up", async (engine) => {
            await engine.rawCall("Configure", deeplyNestedConfigure("access-log-group", "minimumRetentionDays", 1500));
        });
        const notice = run.diagnostics.filter((d) => d.policyName === "gatehouse-stack-rules" || (d.policyName === "access-log-group" && d.urn === ""));
        assert.equal(notice.length, 1, JSON.stringify(run.diagnostics.map((d) => d.message)));
        assert.match(notice[0].message, /Gatehouse could not take its configuration: the Configure request could not be decoded \(RangeError: Maximum call stack size exceeded\); every rule runs with its default settings\.$/);
        assert.deepEqual(aboutLogGroup(run.diagnostics), ["mandatory access-log-group fail-one-day"]);
    });

    test("a waiver reason read from a secret tag is never printed; the waiver still applies", async () => {
        const run = await runWith(() => loggedToOneDayGroup("waived-one-day",
            pulumi.secret({ "gatehouse:waive": `access-log-group: ${MARK} accepted for the sandbox account` })), "up");
        const findings = run.diagnostics.filter((d) => d.policyName === "access-log-group");
        assert.deepEqual(summarise(findings), ["advisory access-log-group waived-one-day"]);
        assert.match(findings[0].message, /waived \(tag: \[secret\]\)/);
        assert.ok(run.diagnostics.every((d) => !d.message.includes(MARK)), "no diagnostic holds the secret");
    });

    test("the Sid of a secret policy document and the name inside a secret managed-policy ARN are never printed", async () => {
        const run = await runWith(() => {
            const role = new aws.iam.Role("integration-role", {
                assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
                inlinePolicies: [{
                    name: "inline",
                    policy: pulumi.secret(JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: `${MARK}Sid`, Effect: "Allow", Action: "*", Resource: "*" }] })),
                }],
                managedPolicyArns: [pulumi.secret("arn:aws:iam::aws:policy/AdministratorAccess")] as any,
            });
            void role;
        }, "up");
        const findings = run.diagnostics.filter((d) => d.policyName === "api-gateway-role-least-privilege");
        assert.equal(findings.length, 2, JSON.stringify(findings.map((d) => d.message)));
        assert.match(findings.map((d) => d.message).join("\n"), /managed policy \[secret\] is attached to role integration-role/);
        const leaked = run.diagnostics.map((d) => d.message).find((m) => m.includes(MARK) || m.includes("AdministratorAccess"));
        assert.equal(leaked, undefined);
    });

    test("Noncompliance 4: a role whose trust policy is unknown in preview does not hide its Action \"*\" policy", async () => {
        const run = await runWith(() => {
            const source = new aws.ssm.Parameter("trust-source", { type: "String", value: "apigateway.amazonaws.com" });
            new aws.iam.Role("unknown-trust", {
                assumeRolePolicy: source.arn.apply((service) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] })),
                inlinePolicies: [{ name: "everything", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) }],
            });
        }, "preview");
        const findings = run.diagnostics.filter((d) => d.policyName.startsWith("api-gateway-role"));
        assert.deepEqual(summarise(findings), ["advisory api-gateway-role-least-privilege unknown-trust", "advisory api-gateway-role-trust-policy unknown-trust"]);
        assert.match(findings.find((d) => d.policyName === "api-gateway-role-least-privilege")!.message,
            /cannot be verified until apply: the trust policy is not known during preview, so whether API Gateway assumes this role is not known either; if so: inline policy everything, statement 1, grants every action \(\*\)/);
    });

    test("Noncompliance 5: an HTTP API allowing an origin unknown in preview, with credentials, says it cannot verify it", async () => {
        const run = await runWith(() => {
            const origin = new aws.ssm.Parameter("origin-source", { type: "String", value: "*" });
            new aws.apigatewayv2.Api("unknown-origin", { protocolType: "HTTP", corsConfiguration: { allowOrigins: [origin.arn], allowCredentials: true } });
        }, "preview");
        const findings = run.diagnostics.filter((d) => d.policyName === "cors-allowed-origins");
        assert.deepEqual(summarise(findings), ["advisory cors-allowed-origins unknown-origin"]);
        assert.match(findings[0].message, /cannot be verified until apply: an allowed origin is not known during preview; it may be \*$/);
    });

    test("Noncompliance 6: a WAF managed group whose name is unknown, and a rate limit that is unknown, are not mandatory failures in preview", async () => {
        const run = await runWith(() => {
            const name = new aws.ssm.Parameter("group-name", { type: "String", value: "AWSManagedRulesCommonRuleSet" });
            const limit = new aws.ssm.Parameter("rate-limit", { type: "String", value: "1000" });
            const api = new aws.apigateway.RestApi("waf-api", {});
            const stage = new aws.apigateway.Stage("waf-stage", { restApi: api.id, deployment: "d-1", stageName: "prod" });
            const acl = new aws.wafv2.WebAcl("unknown-rules", {
                scope: "REGIONAL",
                defaultAction: { allow: {} },
                visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "acl", sampledRequestsEnabled: true },
                rules: [
                    { name: "managed", priority: 1, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: "AWS", name: name.arn } }, visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "m", sampledRequestsEnabled: true } },
                    { name: "rate", priority: 2, action: { block: {} }, statement: { rateBasedStatement: { limit: limit.version, aggregateKeyType: "IP" } }, visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "r", sampledRequestsEnabled: true } },
                ],
            });
            new aws.wafv2.WebAclAssociation("waf-association", { resourceArn: stage.arn, webAclArn: acl.arn });
        }, "preview");
        const findings = run.diagnostics.filter((d) => d.policyName === "waf-web-acl-rules" || d.policyName === "waf-rate-based-rule");
        assert.ok(findings.length > 0);
        assert.deepEqual(findings.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.message), []);
        assert.ok(findings.every((d) => /cannot be verified until apply/.test(d.message)), findings.map((d) => d.message).join("\n"));
    });

    test("Noncompliance 7: MethodSettings whose methodPath is unknown in preview: the stage's throttling cannot be verified, not failed", async () => {
        const run = await runWith(() => {
            const pathSource = new aws.ssm.Parameter("path-source", { type: "String", value: "*/*" });
            const api = new aws.apigateway.RestApi("settings-api", {});
            const stage = new aws.apigateway.Stage("settings-stage", { restApi: api.id, deployment: "d-1", stageName: "prod" });
            new aws.apigateway.MethodSettings("unknown-path", {
                restApi: api.id, stageName: stage.stageName, methodPath: pathSource.arn,
                settings: { throttlingBurstLimit: 100, throttlingRateLimit: 50, loggingLevel: "INFO", metricsEnabled: true },
            });
        }, "preview");
        const findings = run.diagnostics.filter((d) => d.policyName === "stage-throttling");
        assert.deepEqual(summarise(findings), ["advisory stage-throttling unknown-path"]);
        assert.match(findings[0].message, /the methodPath of MethodSettings of this stage is not known during preview/);
    });
});
