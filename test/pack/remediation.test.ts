import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { catalog } from "../../policies/catalog";
import { UNKNOWN_STRING } from "../../policies/engine/values";
import { compliantStack } from "../fixtures/compliant-stack";
import { restDomain, v2Domain } from "../fixtures/stacks";
import { MODES, summarise, usePack } from "../helpers/pack";

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";

describe("custom-domain-tls remediation", () => {
    const pack = usePack();
    for (const mode of MODES) {
        test(`Remediate then Analyze leaves no violation and keeps secret inputs secret (${mode})`, async () => {
            const run = await pack.run(() => {
                restDomain("fix-rest", "TLS_1_0", { tags: { owner: pulumi.secret("platform-team-secret") } });
                restDomain("fix-unset", undefined);
                v2Domain("fix-v2", "TLS_1_0");
                restDomain("keep-tls13", "SecurityPolicy_TLS13_1_3_2025_09", { endpointAccessMode: "STRICT" });
            }, mode, { "custom-domain-tls": "remediate" });
            assert.deepEqual(summarise(run.diagnostics), []);
            const fixed = run.remediations.filter((r) => r.policyName === "custom-domain-tls").map((r) => r.urn.split("::").pop()).sort();
            assert.deepEqual(fixed, ["fix-rest", "fix-unset", "fix-v2"]);
            const inputs = (name: string) => [...run.analyzedInputs].find(([urn]) => urn.endsWith(`::${name}`))![1] as any;
            assert.equal(inputs("fix-rest").securityPolicy, "TLS_1_2");
            assert.equal(inputs("fix-v2").domainNameConfiguration.securityPolicy, "TLS_1_2");
            assert.equal(inputs("keep-tls13").securityPolicy, "SecurityPolicy_TLS13_1_3_2025_09");
            const owner = inputs("fix-rest").tags.owner;
            assert.equal(owner[SECRET_SIG_KEY], "1b47061264138c4ac30d75fd1eb44270", "the secret tag is still a secret");
            assert.equal(owner.value, "platform-team-secret");
        });
    }

    test("a secret security policy stays secret when it is replaced", async () => {
        const run = await pack.run(() => restDomain("fix-secret", pulumi.secret("TLS_1_0")), "up", { "custom-domain-tls": "remediate" });
        assert.deepEqual(summarise(run.diagnostics), []);
        const [, inputs] = [...run.analyzedInputs].find(([urn]) => urn.endsWith("::fix-secret"))! as [string, any];
        assert.deepEqual(inputs.securityPolicy, { [SECRET_SIG_KEY]: "1b47061264138c4ac30d75fd1eb44270", value: "TLS_1_2" });
    });
});

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const isSecret = (value: unknown) => typeof value === "object" && value !== null && (value as any)[SECRET_SIG_KEY] === SECRET_SIG;

function inputsOf(run: { analyzedInputs: Map<string, Record<string, unknown>> }, name: string): any {
    return [...run.analyzedInputs].find(([urn]) => urn.endsWith(`::${name}`))![1];
}

describe("every remediable rule: Remediate, then Analyze and AnalyzeStack, leaves no violation and keeps secrets secret", () => {
    const pack = usePack();
    const remediable = catalog.filter((rule) => rule.remediate).map((rule) => rule.id).sort();

    test("the remediable rules are the ones exercised here", () => {
        assert.deepEqual(remediable, ["cache-encryption", "custom-domain-tls", "data-trace-disabled", "rest-stage-xray", "stage-access-logging"]);
    });

    for (const mode of MODES) {
        test(`rest-stage-xray turns tracing on (${mode})`, async () => {
            const run = await pack.run(() => compliantStack({ restXray: false, restStageTags: { owner: pulumi.secret("secret-owner-team") as unknown as string } }), mode,
                { "rest-stage-xray": "remediate" });
            assert.deepEqual(summarise(run.diagnostics), []);
            const stage = inputsOf(run, "orders-prod");
            assert.equal(stage.xrayTracingEnabled, true);
            assert.ok(isSecret(stage.tags.owner), "the secret tag stays secret");
        });

        test(`data-trace-disabled turns data trace off on MethodSettings and v2 stages (${mode})`, async () => {
            const run = await pack.run(() => {
                compliantStack({ restDataTrace: true });
                const api = new aws.apigatewayv2.Api("traced", { protocolType: "WEBSOCKET", routeSelectionExpression: "$request.body.action", tags: { owner: "o", environment: "e" } });
                new aws.apigatewayv2.Stage("traced-prod", {
                    apiId: api.id,
                    name: "prod",
                    autoDeploy: true,
                    defaultRouteSettings: pulumi.secret({ throttlingBurstLimit: 10, throttlingRateLimit: 5, loggingLevel: "ERROR", detailedMetricsEnabled: true, dataTraceEnabled: true }),
                });
            }, mode, { "data-trace-disabled": "remediate" });
            assert.deepEqual(summarise(run.diagnostics.filter((d) => d.policyName === "data-trace-disabled")), []);
            assert.equal(inputsOf(run, "orders-prod-all").settings.dataTraceEnabled, false);
            const v2 = inputsOf(run, "traced-prod").defaultRouteSettings;
            assert.ok(isSecret(v2), "the secret route settings stay secret");
            assert.equal(v2.value.dataTraceEnabled, false);
        });

        test(`stage-access-logging adds a JSON format where a destination exists (${mode})`, async () => {
            const run = await pack.run(() => {
                const logs = new aws.cloudwatch.LogGroup("format-logs", { retentionInDays: 365 });
                const api = new aws.apigateway.RestApi("format-api", {});
                const items = new aws.apigateway.Resource("format-items", { restApi: api.id, parentId: api.rootResourceId, pathPart: "items" });
                const method = new aws.apigateway.Method("format-get", { restApi: api.id, resourceId: items.id, httpMethod: "GET", authorization: "AWS_IAM" });
                const integration = new aws.apigateway.Integration("format-get", { restApi: api.id, resourceId: items.id, httpMethod: method.httpMethod, type: "MOCK" });
                const deployment = new aws.apigateway.Deployment("format", { restApi: api.id }, { dependsOn: [integration] });
                new aws.apigateway.Stage("format-stage", {
                    restApi: api.id, deployment: deployment.id, stageName: "prod",
                    accessLogSettings: { destinationArn: pulumi.secret(logs.arn) } as unknown as aws.types.input.apigateway.StageAccessLogSettings,
                });
            }, mode, { "stage-access-logging": "remediate" });
            assert.deepEqual(summarise(run.diagnostics.filter((d) => d.policyName === "stage-access-logging")), []);
            const settings = inputsOf(run, "format-stage").accessLogSettings;
            assert.ok(settings.format.trim().startsWith("{"), "a JSON format was added");
            if (mode === "up") {
                assert.ok(isSecret(settings.destinationArn), "the secret destination stays secret");
            } else {
                // A secret that is not known yet travels as a plain unknown: there is nothing to reveal.
                assert.equal(settings.destinationArn, UNKNOWN_STRING, "the unknown destination is left as it was");
            }
        });

        test(`cache-encryption encrypts the cache of a stage with a cache cluster (${mode})`, async () => {
            const run = await pack.run(() => compliantStack({ restCacheCluster: true }), mode, { "cache-encryption": "remediate" });
            assert.deepEqual(summarise(run.diagnostics), []);
            assert.equal(inputsOf(run, "orders-prod-all").settings.cacheDataEncrypted, true);
        });
    }
});
