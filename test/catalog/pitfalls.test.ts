import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as aws from "@pulumi/aws";
import { PITFALLS } from "../../policies/controls";
import { WAIVERS_POLICY } from "../../policies/engine/waivers";
import { compliantStack } from "../fixtures/compliant-stack";
import { httpApi, restApi, restDomain, v2Domain, webSocketApi } from "../fixtures/stacks";
import { MODES, summarise, usePack } from "../helpers/pack";

interface Pitfall {
    /** What the peers get wrong. */
    title: string;
    program: () => unknown;
    /** Rules that must stay silent. */
    silent: string[];
    config?: Record<string, unknown>;
}

/** One case per pitfall of the rule landscape: the false positive must not happen. */
const CASES: Record<string, Pitfall> = {
    "cors-preflight-options": {
        title: "an OPTIONS preflight answered by a MOCK integration needs no authorization",
        program: () => restApi("preflight", { cors: true }),
        silent: ["rest-method-authorization"],
    },
    "api-key-with-authorizer": {
        title: "an API key on top of an authorizer is fine (and is not demanded)",
        program: () => restApi("keyed", { methods: [{ httpMethod: "GET", authorization: "COGNITO_USER_POOLS", apiKeyRequired: true }, { httpMethod: "PUT", authorization: "AWS_IAM" }] }),
        silent: ["rest-method-authorization"],
    },
    "websocket-non-connect-routes": {
        title: "WebSocket routes other than $connect cannot carry an authorizer",
        program: () => webSocketApi("socket", { routes: ["$default", "$disconnect", "sendMessage", "subscribe"] }),
        silent: ["v2-route-authorization"],
    },
    "http-api-never-waf": {
        title: "HTTP APIs cannot be associated with WAF, so WAF is never required of them",
        program: () => httpApi("http"),
        silent: ["rest-stage-waf", "waf-web-acl-rules", "waf-rate-based-rule", "waf-logging"],
    },
    "private-api-without-waf": {
        title: "PRIVATE REST APIs are reachable only through VPC endpoints: no WAF required",
        program: () => restApi("private", { endpointType: "PRIVATE", waf: false }),
        silent: ["rest-stage-waf"],
    },
    "cache-encryption-with-caching-off": {
        title: "cache encryption is not demanded when the stage has no cache, and caching is never forced",
        program: () => restApi("uncached", { settings: { cachingEnabled: true, cacheDataEncrypted: false } }),
        silent: ["cache-encryption", "stage-caching"],
    },
    "method-settings-without-settings": {
        title: "a MethodSettings without settings makes no rule throw",
        program: () => {
            const { api, stage } = restApi("bare", { settings: null });
            new aws.apigateway.MethodSettings("bare-all", { restApi: api.id, stageName: stage.stageName, methodPath: "*/*", settings: {} });
        },
        silent: ["cache-encryption", "data-trace-disabled"],
    },
    "tls13-policy-names": {
        title: "TLS 1.3 and enhanced TLS 1.2 policy names are accepted",
        program: () => {
            restDomain("tls13", "SecurityPolicy_TLS13_1_3_2025_09", { endpointAccessMode: "STRICT" });
            restDomain("tls13-pq", "SecurityPolicy_TLS13_1_2_PQ_2025_09", { endpointAccessMode: "STRICT" });
            restDomain("tls12-edge", "SecurityPolicy_TLS12_PFS_2025_EDGE", { endpointAccessMode: "BASIC", endpointConfiguration: { types: "EDGE" } });
            v2Domain("v2", "TLS_1_2");
        },
        silent: ["custom-domain-tls"],
    },
    "preview-links-through-dependencies": {
        title: "stage settings on sibling resources are found in a preview, when IDs and ARNs are unknown",
        program: () => compliantStack(),
        silent: ["rest-execution-logging", "stage-throttling", "rest-stage-waf", "waf-logging", "stage-alarms", "access-log-group"],
    },
    "waivers-with-reasons": {
        title: "a finding waived with a reason does not block, and is still shown",
        program: () => compliantStack({ wafAssociation: false, restStageTags: { "gatehouse:waive": "rest-stage-waf: fronted by CloudFront with its own web ACL" } }),
        silent: [WAIVERS_POLICY],
    },
    "v2-throttling-both-values": {
        title: "v2 stages setting both throttling values pass",
        program: () => {
            httpApi("http", { stage: { defaultRouteSettings: { throttlingBurstLimit: 500, throttlingRateLimit: 1000 } } });
            webSocketApi("socket");
        },
        silent: ["stage-throttling"],
    },
    "account-cloudwatch-role-managed-policy": {
        title: "the AWS managed push-to-CloudWatch policy on the account role is accepted",
        program: () => compliantStack(),
        silent: ["account-cloudwatch-role", "api-gateway-role-least-privilege"],
    },
};

describe("pitfalls of the peers", () => {
    const pack = usePack();

    test("every pitfall of the landscape has a case", () => {
        assert.deepEqual(Object.keys(CASES).sort(), [...PITFALLS].sort());
    });

    for (const [id, pitfall] of Object.entries(CASES)) {
        for (const mode of MODES) {
            test(`${id}: ${pitfall.title} (${mode})`, async () => {
                const run = await pack.run(pitfall.program, mode, pitfall.config);
                const mandatory = run.diagnostics.filter((d) => pitfall.silent.includes(d.policyName) && d.enforcementLevel === "mandatory");
                assert.deepEqual(summarise(mandatory), []);
                const anyFromSilent = run.diagnostics.filter((d) => pitfall.silent.includes(d.policyName) && !d.message.includes("waived ("));
                assert.deepEqual(summarise(anyFromSilent), []);
                assert.ok(!run.diagnostics.some((d) => d.message.includes("rule failed to evaluate")), "no rule throws");
            });
        }
    }

    test("waivers-with-reasons: the waived finding is reported, as waived", async () => {
        const run = await pack.run(CASES["waivers-with-reasons"].program, "preview");
        assert.deepEqual(summarise(run.diagnostics), ["advisory rest-stage-waf orders-prod"]);
    });
});
