import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { accessLogFormat, baseline } from "../../components/baseline";
import { SecureHttpApi, SecureHttpApiArgs } from "../../components/http-api";
import { lambdaHandler, record, weakeningCases } from "../helpers/components";
import { classify, MODES, usePack } from "../helpers/pack";

const tags = { owner: "team-catalog", environment: "prod" };

function defaults(overrides: Partial<SecureHttpApiArgs> = {}): SecureHttpApi {
    const handler = lambdaHandler("catalog-handler");
    return new SecureHttpApi("catalog", {
        tags,
        routes: [
            { method: "GET", path: "/items", handler },
            { method: "DELETE", path: "/items/{id}", handler },
        ],
        ...overrides,
    });
}

const T = {
    api: "aws:apigatewayv2/api:Api",
    route: "aws:apigatewayv2/route:Route",
    integration: "aws:apigatewayv2/integration:Integration",
    stage: "aws:apigatewayv2/stage:Stage",
    authorizer: "aws:apigatewayv2/authorizer:Authorizer",
    domain: "aws:apigatewayv2/domainName:DomainName",
    mapping: "aws:apigatewayv2/apiMapping:ApiMapping",
    permission: "aws:lambda/permission:Permission",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
};

describe("SecureHttpApi: the resources it registers", () => {
    test("defaults: IAM on every route, JSON access logs, both throttling values, alarms, no WAF", async () => {
        const { one, ofType, resources } = await record(() => defaults());
        assert.equal(one(T.api).inputs.protocolType, "HTTP");
        assert.equal(one(T.api).inputs.corsConfiguration, undefined, "no CORS unless asked");
        assert.deepEqual(ofType(T.route).map((r) => [r.inputs.routeKey, r.inputs.authorizationType]).sort(),
            [["DELETE /items/{id}", "AWS_IAM"], ["GET /items", "AWS_IAM"]]);
        const stage = one(T.stage);
        assert.equal(stage.inputs.name, "$default");
        assert.equal(stage.inputs.autoDeploy, true);
        assert.equal(stage.inputs.accessLogSettings.format, accessLogFormat());
        assert.equal(stage.inputs.accessLogSettings.destinationArn, one(T.logGroup).outputs.arn);
        assert.equal(one(T.logGroup).inputs.retentionInDays, baseline.logRetentionDays);
        assert.deepEqual(stage.inputs.defaultRouteSettings, {
            throttlingBurstLimit: baseline.throttling.burstLimit, throttlingRateLimit: baseline.throttling.rateLimit,
        });
        assert.deepEqual(ofType(T.alarm).map((a) => [a.inputs.metricName, a.inputs.dimensions.ApiId]).sort(),
            [["4xx", one(T.api).outputs.id], ["5xx", one(T.api).outputs.id], ["Latency", one(T.api).outputs.id]]);
        assert.equal(resources.filter((r) => r.type.startsWith("aws:wafv2")).length, 0, "HTTP APIs cannot be associated with WAF");
    });

    test("only one throttling value given: the other keeps its baseline value, never 0", async () => {
        const { one } = await record(() => defaults({ throttling: { rateLimit: 50 } }));
        assert.deepEqual(one(T.stage).inputs.defaultRouteSettings, { throttlingBurstLimit: baseline.throttling.burstLimit, throttlingRateLimit: 50 });
    });

    test("each Lambda permission is scoped to its exact route", async () => {
        const { ofType, one } = await record(() => defaults());
        const executionArn = one(T.api).outputs.executionArn;
        assert.deepEqual(ofType(T.permission).map((p) => p.inputs.sourceArn).sort(), [
            `${executionArn}/*/DELETE/items/{id}`,
            `${executionArn}/*/GET/items`,
        ]);
    });

    test("a JWT authorizer is used by default routes, with scopes where asked", async () => {
        const { ofType, one } = await record(() => defaults({
            authorizer: { jwt: { issuer: "https://auth.example.com/", audiences: ["catalog"] } },
            routes: [{ method: "POST", path: "/items", handler: lambdaHandler("h"), authorizationScopes: ["catalog/write"] }],
        }));
        const authorizer = one(T.authorizer);
        assert.deepEqual(authorizer.inputs.jwtConfiguration, { issuer: "https://auth.example.com/", audiences: ["catalog"] });
        const [route] = ofType(T.route);
        assert.deepEqual([route.inputs.authorizationType, route.inputs.authorizerId, route.inputs.authorizationScopes], ["JWT", authorizer.outputs.id, ["catalog/write"]]);
    });

    test("a custom domain: TLS 1.2, optional mutual TLS, API mapping, execute-api endpoint disabled", async () => {
        const { one } = await record(() => defaults({
            domain: { args: { domainName: "catalog.example.com", certificate: { existing: "arn:aws:acm:us-east-1:123456789012:certificate/c" },
                mutualTls: { truststoreUri: "s3://truststores/catalog.pem" } } },
        }));
        const domain = one(T.domain);
        assert.deepEqual(domain.inputs.domainNameConfiguration, {
            certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/c", endpointType: "REGIONAL", securityPolicy: "TLS_1_2",
        });
        assert.deepEqual(domain.inputs.mutualTlsAuthentication, { truststoreUri: "s3://truststores/catalog.pem" });
        assert.equal(one(T.api).inputs.disableExecuteApiEndpoint, true);
        assert.equal(one(T.mapping).inputs.domainName, "catalog.example.com");
    });

    test("CORS with explicit origins, methods from the routes, no credentials", async () => {
        const { one } = await record(() => defaults({ cors: { allowOrigins: ["https://app.example.com"] } }));
        const cors = one(T.api).inputs.corsConfiguration;
        assert.deepEqual(cors.allowOrigins, ["https://app.example.com"]);
        assert.deepEqual(cors.allowMethods.sort(), ["DELETE", "GET"]);
        assert.equal(cors.allowCredentials, false);
    });

    test("both args and existing is refused", async () => {
        await assert.rejects(record(() => defaults({ domain: { args: { domainName: "x.example.com", certificate: { existing: "arn" } }, existing: { domainName: "y" } } })),
            /SecureHttpApi "catalog": `domain` takes either `args` \(create one\) or `existing` \(bring your own\), not both/);
    });
});

describe("SecureHttpApi through the pack", () => {
    const pack = usePack();
    for (const mode of MODES) {
        test(`the default configuration yields no violation (${mode})`, async () => {
            const run = await pack.run(() => { defaults(); }, mode);
            const { violations, unverifiable } = classify(run.diagnostics);
            assert.deepEqual(violations, []);
            assert.deepEqual(unverifiable, mode === "up" ? [] : [
                "advisory lambda-permission-scoped catalog-delete-items-id",
                "advisory lambda-permission-scoped catalog-get-items",
            ]);
        });
        test(`every option turned on at once yields no violation (${mode})`, async () => {
            const run = await pack.run(() => {
                defaults({
                    authorizer: { lambda: { handler: lambdaHandler("authorizer"), resultTtlSeconds: 60 } },
                    cors: { allowOrigins: ["https://app.example.com"], allowCredentials: true },
                    accessLogs: { args: { kmsKey: { args: {} } } },
                    domain: { args: { domainName: "catalog.example.com", securityPolicy: "SecurityPolicy_TLS13_1_3_2025_09", certificate: { args: {} },
                        mutualTls: { truststoreUri: "s3://truststores/catalog.pem" } }, apiMappingKey: "v1" },
                    throttling: { burstLimit: 20, rateLimit: 10 },
                });
            }, mode, { "custom-domain-mutual-tls": { domainPatterns: ["catalog.example.com"] } });
            assert.deepEqual(classify(run.diagnostics).violations, []);
        });
    }

    weakeningCases<SecureHttpApiArgs, SecureHttpApi>(pack, defaults, [
        { name: "a public route", override: { routes: [{ method: "GET", path: "/health", handler: lambdaHandler("health"), authorization: "none" }] },
            expected: ["mandatory v2-route-authorization catalog-get-health"], announced: "v2-route-authorization" },
        { name: "CORS for every origin", override: { cors: { allowOrigins: ["*"] } }, expected: ["mandatory cors-allowed-origins catalog"], announced: "cors-allowed-origins" },
        { name: "a short log retention", override: { accessLogs: { args: { retentionInDays: 7 } } }, expected: ["mandatory access-log-group catalog-access-logs"], announced: "access-log-group" },
        { name: "no alarms", override: { alarms: { enabled: false } }, expected: ["advisory stage-alarms catalog"], announced: "stage-alarms" },
        { name: "TLS 1.0 on the domain", override: { domain: { args: { domainName: "catalog.example.com", securityPolicy: "TLS_1_0", certificate: { existing: "arn:aws:acm:us-east-1:123456789012:certificate/c" } } } },
            expected: ["mandatory custom-domain-tls catalog"], announced: "custom-domain-tls" },
        { name: "the execute-api endpoint kept with a domain", override: { disableExecuteApiEndpoint: false, domain: { existing: { domainName: "catalog.example.com" } } },
            expected: ["mandatory execute-api-endpoint-disabled catalog"], announced: "execute-api-endpoint-disabled" },
        { name: "a zero burst limit", override: { throttling: { burstLimit: 0 } }, expected: ["mandatory stage-throttling catalog"], announced: "stage-throttling" },
        { name: "a long authorizer cache", override: { authorizer: { lambda: { handler: lambdaHandler("auth"), resultTtlSeconds: 3600 } } },
            expected: ["mandatory authorizer-cache-ttl catalog-lambda"], announced: "authorizer-cache-ttl" },
        { name: "a wildcard certificate", override: { domain: { args: { domainName: "*.example.com", certificate: { args: {} } } } },
            expected: ["mandatory acm-certificate catalog"], announced: "acm-certificate" },
    ]);
});
