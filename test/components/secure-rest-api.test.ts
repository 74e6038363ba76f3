import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { accessLogFormat, baseline } from "../../components/baseline";
import { SecureRestApi, SecureRestApiArgs } from "../../components/rest-api";
import { lambdaHandler, record, weakeningCases } from "../helpers/components";
import { classify, MODES, usePack } from "../helpers/pack";
import { runProgram } from "../../testing/program";

const tags = { owner: "team-orders", environment: "prod" };

/** The component with only what it requires: tags and routes. */
function defaults(overrides: Partial<SecureRestApiArgs> = {}): SecureRestApi {
    const handler = lambdaHandler("orders-handler");
    return new SecureRestApi("orders", {
        tags,
        routes: [
            { method: "GET", path: "/orders", handler },
            { method: "POST", path: "/orders/{id}/items", handler },
        ],
        ...overrides,
    });
}

const T = {
    api: "aws:apigateway/restApi:RestApi",
    resource: "aws:apigateway/resource:Resource",
    method: "aws:apigateway/method:Method",
    integration: "aws:apigateway/integration:Integration",
    stage: "aws:apigateway/stage:Stage",
    methodSettings: "aws:apigateway/methodSettings:MethodSettings",
    permission: "aws:lambda/permission:Permission",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    webAcl: "aws:wafv2/webAcl:WebAcl",
    association: "aws:wafv2/webAclAssociation:WebAclAssociation",
    wafLogging: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    validator: "aws:apigateway/requestValidator:RequestValidator",
    domain: "aws:apigateway/domainName:DomainName",
    mapping: "aws:apigateway/basePathMapping:BasePathMapping",
    apiKey: "aws:apigateway/apiKey:ApiKey",
    usagePlan: "aws:apigateway/usagePlan:UsagePlan",
    kmsKey: "aws:kms/key:Key",
    authorizer: "aws:apigateway/authorizer:Authorizer",
};

describe("SecureRestApi: the resources it registers", () => {
    test("defaults: REGIONAL, IAM on every route, validation, JSON access logs, X-Ray, */* settings, WAF, alarms", async () => {
        const { one, ofType, resources } = await record(() => defaults());
        assert.deepEqual(one(T.api).inputs.endpointConfiguration, { types: "REGIONAL" });
        assert.equal(one(T.api).inputs.disableExecuteApiEndpoint, false, "no custom domain: the default endpoint is the API's only one");
        assert.deepEqual(ofType(T.resource).map((r) => r.inputs.pathPart).sort(), ["items", "orders", "{id}"]);
        const methods = ofType(T.method);
        assert.equal(methods.length, 2);
        for (const method of methods) {
            assert.equal(method.inputs.authorization, "AWS_IAM");
            assert.equal(method.inputs.requestValidatorId, one(T.validator).outputs.id, "every method validates its requests");
        }
        assert.deepEqual({ body: one(T.validator).inputs.validateRequestBody, params: one(T.validator).inputs.validateRequestParameters }, { body: true, params: true });
        const stage = one(T.stage);
        assert.equal(stage.inputs.stageName, "prod");
        assert.equal(stage.inputs.xrayTracingEnabled, true);
        assert.equal(stage.inputs.accessLogSettings.format, accessLogFormat());
        const accessLogs = ofType(T.logGroup).filter((group) => group.name === "orders-access-logs");
        assert.equal(accessLogs.length, 1);
        assert.equal(stage.inputs.accessLogSettings.destinationArn, accessLogs[0].outputs.arn);
        assert.equal(accessLogs[0].inputs.retentionInDays, 365);
        const settings = one(T.methodSettings);
        assert.equal(settings.inputs.methodPath, "*/*");
        assert.deepEqual(settings.inputs.settings, {
            loggingLevel: "INFO", metricsEnabled: true, dataTraceEnabled: false,
            throttlingBurstLimit: baseline.throttling.burstLimit, throttlingRateLimit: baseline.throttling.rateLimit,
        });
        const acl = one(T.webAcl);
        assert.deepEqual(acl.inputs.rules.map((rule: any) => rule.name), [...baseline.waf.managedRuleGroups, "per-address-rate"]);
        assert.equal(acl.inputs.rules.at(-1).statement.rateBasedStatement.limit, baseline.waf.rateLimit);
        assert.equal(one(T.association).inputs.resourceArn, stage.outputs.arn);
        assert.match(ofType(T.logGroup).find((g) => g.inputs.name?.startsWith("aws-waf-logs-"))?.inputs.name ?? "", /^aws-waf-logs-orders$/);
        assert.equal(one(T.wafLogging).inputs.resourceArn, acl.outputs.arn);
        assert.deepEqual(ofType(T.alarm).map((a) => a.inputs.metricName).sort(), ["4XXError", "5XXError", "Latency"]);
        assert.equal(ofType(T.domain).length + ofType(T.usagePlan).length + ofType(T.kmsKey).length, 0, "nothing unasked");
        const unparented = resources.filter((r) => !r.parent?.endsWith("SecureRestApi::orders")).map((r) => r.type);
        assert.deepEqual(unparented.sort(), ["aws:lambda/function:Function", "gatehouse:index:SecureRestApi", "pulumi:pulumi:Stack"],
            "every child is parented to the component");
    });

    test("each Lambda permission is scoped to its exact method and path", async () => {
        const { ofType, one } = await record(() => defaults());
        const api = one(T.api);
        const sourceArns = ofType(T.permission).map((p) => p.inputs.sourceArn).sort();
        assert.deepEqual(sourceArns, [
            `${api.outputs.executionArn}/*/GET/orders`,
            `${api.outputs.executionArn}/*/POST/orders/{id}/items`,
        ]);
        assert.ok(ofType(T.permission).every((p) => p.inputs.principal === "apigateway.amazonaws.com"));
    });

    test("a Cognito authorizer is used by default routes; opt-outs and IAM routes are explicit", async () => {
        const handler = () => lambdaHandler("h");
        const { ofType, one } = await record(() => new SecureRestApi("orders", {
            tags,
            authorizer: { cognito: { userPoolArns: ["arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc"] } },
            routes: [
                { method: "GET", path: "/orders", handler: handler() },
                { method: "GET", path: "/health", handler: handler(), authorization: "none" },
                { method: "DELETE", path: "/orders", handler: handler(), authorization: "iam" },
            ],
        }));
        const byMethod = Object.fromEntries(ofType(T.method).map((m) => [`${m.inputs.httpMethod} ${m.name}`, [m.inputs.authorization, m.inputs.authorizerId ?? null]]));
        const authorizerId = one(T.authorizer).outputs.id;
        assert.deepEqual(byMethod, {
            "GET orders-get-orders": ["COGNITO_USER_POOLS", authorizerId],
            "GET orders-get-health": ["NONE", null],
            "DELETE orders-delete-orders": ["AWS_IAM", null],
        });
    });

    test("custom domain: TLS 1.2, base path mapping, default endpoint disabled, URL on the domain", async () => {
        let url: string | undefined;
        const { one, component } = await record(() => {
            const api = defaults({ domain: { args: { domainName: "orders.example.com", certificate: { args: {} } }, basePath: "v1" } });
            api.url.apply((value) => (url = value));
            return api;
        });
        const domain = one(T.domain);
        assert.equal(domain.inputs.securityPolicy, "TLS_1_2");
        assert.equal(domain.inputs.regionalCertificateArn, one("aws:acm/certificate:Certificate").outputs.arn);
        assert.equal(one("aws:acm/certificate:Certificate").inputs.options.certificateTransparencyLoggingPreference, "ENABLED");
        assert.equal(one(T.api).inputs.disableExecuteApiEndpoint, true);
        assert.equal(one(T.mapping).inputs.basePath, "v1");
        assert.ok(component.domainName);
        assert.equal(url, "https://orders.example.com/v1");
    });

    test("usage plans: throttle and quota from the baseline; API keys generated, secret, never written", async () => {
        const { ofType, one, component } = await record(() => defaults({ usagePlans: [{ name: "partners", apiKeys: ["a", "b"] }] }));
        assert.deepEqual(one(T.usagePlan).inputs.throttleSettings, baseline.usagePlan.throttle);
        assert.deepEqual(one(T.usagePlan).inputs.quotaSettings, baseline.usagePlan.quota);
        const keys = ofType(T.apiKey);
        assert.equal(keys.length, 2);
        for (const key of keys) {
            assert.equal(key.inputs.value, undefined, "the value is generated by API Gateway");
            assert.ok(key.options?.additionalSecretOutputs?.includes("value"), "the generated value is a secret output");
        }
        assert.equal(ofType("aws:apigateway/usagePlanKey:UsagePlanKey").length, 2);
        assert.deepEqual(Object.keys(component.apiKeys).sort(), ["a", "b"]);
    });

    test("caching on: a cache cluster, and every cached method encrypted", async () => {
        const { one } = await record(() => defaults({ caching: { enabled: true } }));
        assert.equal(one(T.stage).inputs.cacheClusterEnabled, true);
        assert.equal(one(T.stage).inputs.cacheClusterSize, baseline.caching.clusterSize);
        assert.equal(one(T.methodSettings).inputs.settings.cachingEnabled, true);
        assert.equal(one(T.methodSettings).inputs.settings.cacheDataEncrypted, true);
    });

    test("HTTP backends get HTTP_PROXY and the stage presents a client certificate", async () => {
        const { one, ofType } = await record(() => new SecureRestApi("proxy", {
            tags, routes: [{ method: "GET", path: "/legacy", httpBackend: { uri: "https://backend.example.com/legacy" } }],
        }));
        assert.equal(one(T.integration).inputs.type, "HTTP_PROXY");
        assert.equal(one(T.stage).inputs.clientCertificateId, one("aws:apigateway/clientCertificate:ClientCertificate").outputs.id);
        assert.equal(ofType(T.permission).length, 0);
    });

    test("CORS: OPTIONS preflights answered by MOCK integrations for exactly the configured origin", async () => {
        const { ofType } = await record(() => defaults({ cors: { allowOrigin: "https://app.example.com" } }));
        const preflights = ofType(T.method).filter((m) => m.inputs.httpMethod === "OPTIONS");
        assert.equal(preflights.length, 2, "one per path");
        assert.ok(preflights.every((m) => m.inputs.authorization === "NONE"));
        assert.ok(ofType(T.integration).filter((i) => i.inputs.type === "MOCK").length === 2);
        const origins = ofType("aws:apigateway/integrationResponse:IntegrationResponse")
            .map((r) => r.inputs.responseParameters["method.response.header.Access-Control-Allow-Origin"]);
        assert.deepEqual(origins, ["'https://app.example.com'", "'https://app.example.com'"]);
    });

    test("bring your own log group, KMS key and web ACL: used, not created", async () => {
        const existingLogs = { arn: "arn:aws:logs:us-east-1:123456789012:log-group:shared", name: "shared" };
        const existingAcl = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shared/1";
        const { one, ofType } = await record(() => defaults({ accessLogs: { existing: existingLogs }, webAcl: { existing: { arn: existingAcl } } }));
        assert.equal(one(T.stage).inputs.accessLogSettings.destinationArn, existingLogs.arn);
        assert.equal(ofType(T.logGroup).length, 0);
        assert.equal(ofType(T.webAcl).length, 0);
        assert.equal(one(T.association).inputs.webAclArn, existingAcl);
        const withKey = await record(() => defaults({ accessLogs: { args: { kmsKey: { existing: { arn: "arn:aws:kms:us-east-1:123456789012:key/k" } } } } }));
        assert.equal(withKey.ofType(T.kmsKey).length, 0);
        assert.equal(withKey.ofType(T.logGroup).find((g) => !g.inputs.name?.startsWith("aws-waf"))?.inputs.kmsKeyId, "arn:aws:kms:us-east-1:123456789012:key/k");
        const created = await record(() => defaults({ accessLogs: { args: { kmsKey: { args: {} } } } }));
        const key = created.one(T.kmsKey);
        assert.equal(key.inputs.enableKeyRotation, true);
        assert.match(key.inputs.policy, /logs\.us-east-1\.amazonaws\.com/);
    });

    test("mistakes are refused with the component, name and argument", async () => {
        await assert.rejects(record(() => defaults({ accessLogs: { args: {}, existing: { arn: "a", name: "b" } } })),
            /SecureRestApi "orders": `accessLogs` takes either `args` \(create one\) or `existing` \(bring your own\), not both/);
        await assert.rejects(record(() => defaults({ openApi: { openapi: "3.0.1", paths: {} } })), /give either `routes` or `openApi`, not both/);
        await assert.rejects(record(() => new SecureRestApi("doc", {
            tags, openApi: { openapi: "3.0.1", paths: { "/orders": { get: {} }, "/health": { get: {} } } }, publicOperations: ["GET /health"],
        })), /OpenAPI operations without authorization API Gateway enforces: GET \/orders\./);
        await assert.rejects(record(() => defaults({ routes: [{ method: "GET", path: "/x" }] })), /route "GET \/x" needs exactly one of `handler` or `httpBackend`/);
    });

    test("route mistakes users make (a misspelt method, a missing slash, a route twice) register nothing", async () => {
        const handler = { arn: "arn:aws:lambda:us-east-1:123456789012:function:h", invokeArn: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:h/invocations", name: "h" };
        for (const [routes, error] of [
            [[{ method: "GETT", path: "/orders", handler }], /route "GETT \/orders": `GETT` is not an HTTP method/],
            [[{ method: "GET", path: "orders", handler }], /route "GET orders": the path must start with "\/"/],
            // Two Methods of one name were registered before, which the engine rejects as a duplicate URN.
            [[{ method: "GET", path: "/orders", handler }, { method: "GET", path: "/orders", handler }], /route "GET \/orders" is given twice/],
        ] as const) {
            const registered = await runProgram(() => {
                assert.throws(() => new SecureRestApi("orders", { tags, routes: [...routes] }), error);
            }, { mode: "up" });
            assert.deepEqual(registered.filter((resource) => resource.type !== "pulumi:pulumi:Stack").map((resource) => resource.urn), []);
        }
    });
});

describe("SecureRestApi through the pack", () => {
    const pack = usePack();
    for (const mode of MODES) {
        test(`the default configuration yields no violation (${mode})`, async () => {
            const run = await pack.run(() => { defaults(); }, mode);
            const { violations, unverifiable } = classify(run.diagnostics);
            assert.deepEqual(violations, []);
            // A new API's execution ARN does not exist before apply: the permissions are verified by `pulumi up`.
            assert.deepEqual(unverifiable, mode === "up" ? [] : [
                "advisory lambda-permission-scoped orders-get-orders",
                "advisory lambda-permission-scoped orders-post-orders-id-items",
            ]);
        });
        test(`every option turned on at once yields no violation (${mode})`, async () => {
            const run = await pack.run(() => {
                const handler = lambdaHandler("authorizer");
                defaults({
                    authorizer: { lambda: { handler, type: "REQUEST", identitySource: "method.request.header.Authorization" } },
                    caching: { enabled: true },
                    cors: { allowOrigin: "https://app.example.com" },
                    accessLogs: { args: { retentionInDays: 731, kmsKey: { args: {} } } },
                    domain: { args: { domainName: "orders.example.com", securityPolicy: "SecurityPolicy_TLS13_1_3_2025_09", certificate: { args: {} } } },
                    usagePlans: [{ name: "partners", apiKeys: ["partner"] }],
                    endpointType: "PRIVATE",
                    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*", Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } } }] }),
                });
            }, mode);
            assert.deepEqual(classify(run.diagnostics).violations, []);
        });
    }

    weakeningCases<SecureRestApiArgs, SecureRestApi>(pack, defaults, [
        { name: "a public route", override: { routes: [{ method: "GET", path: "/health", handler: { arn: "arn:aws:lambda:us-east-1:123456789012:function:h", invokeArn: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:h/invocations", name: "h" }, authorization: "none" }] },
            expected: ["mandatory rest-method-authorization orders-get-health"], announced: "rest-method-authorization" },
        { name: "an EDGE endpoint", override: { endpointType: "EDGE" }, expected: ["advisory endpoint-type-allowed orders"], announced: "endpoint-type-allowed" },
        { name: "tracing off", override: { tracingEnabled: false }, expected: ["mandatory rest-stage-xray orders"], announced: "rest-stage-xray" },
        { name: "no request validation", override: { requestValidation: false },
            expected: ["advisory rest-request-validation orders-post-orders-id-items"], announced: "rest-request-validation" },
        { name: "execution logging off", override: { logging: { loggingLevel: "OFF" } }, expected: ["mandatory rest-execution-logging orders-all"], announced: "rest-execution-logging" },
        { name: "data trace on", override: { logging: { dataTraceEnabled: true } }, expected: ["mandatory data-trace-disabled orders-all"], announced: "data-trace-disabled" },
        { name: "an unencrypted cache", override: { caching: { enabled: true, dataEncrypted: false } }, expected: ["mandatory cache-encryption orders-all"], announced: "cache-encryption" },
        { name: "a short log retention", override: { accessLogs: { args: { retentionInDays: 30 } } }, expected: ["mandatory access-log-group orders-access-logs"], announced: "access-log-group" },
        { name: "no web ACL", override: { webAcl: { enabled: false } }, expected: ["mandatory rest-stage-waf orders"], announced: "rest-stage-waf" },
        { name: "a lax WAF rate limit", override: { webAcl: { args: { rateLimit: 50000 } } }, expected: ["mandatory waf-rate-based-rule orders"], announced: "waf-rate-based-rule" },
        { name: "a missing managed rule group", override: { webAcl: { args: { managedRuleGroups: ["AWSManagedRulesCommonRuleSet"] } } },
            expected: ["mandatory waf-web-acl-rules orders"], announced: "waf-web-acl-rules" },
        { name: "TLS 1.0 on the domain", override: { domain: { args: { domainName: "orders.example.com", securityPolicy: "TLS_1_0", certificate: { existing: "arn:aws:acm:us-east-1:123456789012:certificate/c" } } } },
            expected: ["mandatory custom-domain-tls orders"], announced: "custom-domain-tls" },
        { name: "the execute-api endpoint kept with a domain", override: { disableExecuteApiEndpoint: false, domain: { existing: { domainName: "orders.example.com" } } },
            expected: ["mandatory execute-api-endpoint-disabled orders"], announced: "execute-api-endpoint-disabled" },
        { name: "no alarms", override: { alarms: { enabled: false } }, expected: ["advisory stage-alarms orders"], announced: "stage-alarms" },
        { name: "CORS for every origin", override: { cors: { allowOrigin: "*" } },
            expected: ["mandatory cors-allowed-origins orders-options-orders", "mandatory cors-allowed-origins orders-options-orders-id-items"], announced: "cors-allowed-origins" },
        { name: "no rate limit", override: { throttling: { rateLimit: 0 } }, expected: ["mandatory stage-throttling orders-all"], announced: "stage-throttling" },
        { name: "a long authorizer cache", override: { authorizer: { lambda: { handler: { arn: "arn:aws:lambda:us-east-1:123456789012:function:auth", invokeArn: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations", name: "auth" }, resultTtlSeconds: 3600 } } },
            expected: ["mandatory authorizer-cache-ttl orders-lambda"], announced: "authorizer-cache-ttl" },
    ]);

    for (const mode of MODES) {
        test(`a weakened default with a waiver is reported as waived, with its reason (${mode})`, async () => {
            const run = await pack.run(() => { defaults({ webAcl: { enabled: false } }); }, mode, {
                "gatehouse-waivers": { waivers: [{ rule: "rest-stage-waf", resource: "orders", reason: "behind CloudFront with its own web ACL" }] },
            });
            const { violations, waived } = classify(run.diagnostics);
            assert.deepEqual(violations, []);
            assert.deepEqual(waived, ["advisory rest-stage-waf orders"]);
            assert.match(run.diagnostics.find((d) => d.policyName === "rest-stage-waf")!.message, /behind CloudFront with its own web ACL/);
        });
    }
});

/** An OpenAPI document of the shape users hand the component: Lambda proxy operations behind a Cognito authorizer. */
function ordersDocument(extra: { publicHealth?: boolean } = {}): Record<string, unknown> {
    const uri = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders/invocations";
    const integration = { type: "aws_proxy", httpMethod: "POST", uri };
    return {
        openapi: "3.0.1",
        info: { title: "orders", version: "1" },
        security: [{ cognito: [] }],
        components: {
            securitySchemes: {
                cognito: {
                    type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "cognito_user_pools",
                    "x-amazon-apigateway-authorizer": { type: "cognito_user_pools", providerARNs: ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Orders"] },
                },
            },
        },
        paths: {
            "/orders": {
                get: { "x-amazon-apigateway-integration": integration },
                post: { requestBody: { content: { "application/json": { schema: { type: "object" } } } }, "x-amazon-apigateway-integration": integration },
            },
            ...(extra.publicHealth ? { "/health": { get: { security: [], "x-amazon-apigateway-integration": integration } } } : {}),
        },
    };
}

describe("SecureRestApi with an OpenAPI document, through the pack", () => {
    const pack = usePack();
    for (const mode of MODES) {
        test(`the document passes the pack with no violation (${mode})`, async () => {
            const run = await pack.run(() => { new SecureRestApi("doc", { tags, openApi: ordersDocument() }); }, mode);
            assert.deepEqual(classify(run.diagnostics), { violations: [], unverifiable: [], waived: [] });
        });
        test(`an operation made public with publicOperations is reported by the pack (${mode})`, async () => {
            const run = await pack.run(() => { new SecureRestApi("doc", { tags, openApi: ordersDocument({ publicHealth: true }), publicOperations: ["GET /health"] }); }, mode);
            assert.deepEqual(classify(run.diagnostics).violations, ["mandatory rest-method-authorization doc"]);
            assert.match(run.diagnostics.find((d) => d.policyName === "rest-method-authorization")!.message,
                /\nOpenAPI operation GET \/health: method GET has authorization NONE: anyone can call it\nfix: set it with the `routes\[\]\.authorization` argument \(with `openApi`: the operation's `security`, or `publicOperations`\) of Gatehouse SecureRestApi$/);
        });
    }
});
