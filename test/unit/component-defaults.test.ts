import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { baseline } from "../../components/baseline";
import { checkSharedArgs, ownedOrExisting, resolveHttpSettings, resolveRestSettings, routeArnSuffix, routeSlug } from "../../components/defaults";

const routes = [{ method: "GET", path: "/orders" }];

describe("component defaults (pure resolution)", () => {
    test("no override: the baseline, and nothing announced", () => {
        const rest = resolveRestSettings({ routes });
        assert.deepEqual(rest.weakenings, []);
        assert.equal(rest.endpointType, baseline.endpointType);
        assert.deepEqual(rest.throttling, baseline.throttling);
        assert.deepEqual(rest.logging, baseline.methodSettings);
        assert.deepEqual(rest.waf, baseline.waf);
        assert.equal(rest.logRetentionDays, baseline.logRetentionDays);
        assert.equal(rest.securityPolicy, baseline.securityPolicy);
        assert.equal(rest.disableExecuteApiEndpoint, false, "without a domain, execute-api is the only endpoint");
        assert.deepEqual(resolveHttpSettings({ routes }).weakenings, []);
    });

    test("overrides that keep the security intent are not announced", () => {
        const rest = resolveRestSettings({
            routes: [{ method: "GET", path: "/orders", authorization: "iam" }],
            endpointType: "PRIVATE", logging: { loggingLevel: "ERROR" }, throttling: { rateLimit: 10 },
            caching: { enabled: true }, logs: { retentionInDays: 3653 }, waf: false,
            domain: { domainName: "api.example.com", securityPolicy: "SecurityPolicy_TLS13_1_3_2025_09" },
        });
        assert.deepEqual(rest.weakenings, [], "a PRIVATE API without WAF, ERROR logging, a longer retention, TLS 1.3");
        assert.deepEqual(rest.throttling, { burstLimit: baseline.throttling.burstLimit, rateLimit: 10 }, "the other value keeps its default");
        assert.equal(rest.caching.dataEncrypted, true);
        assert.equal(rest.disableExecuteApiEndpoint, true);
    });

    test("each weakening names its rule and setting", () => {
        const rest = resolveRestSettings({
            routes: [{ method: "GET", path: "/health", authorization: "none" }],
            endpointType: "EDGE", tracingEnabled: false, requestValidation: false,
            logging: { loggingLevel: "OFF", metricsEnabled: false, dataTraceEnabled: true },
            caching: { enabled: true, dataEncrypted: false }, logs: { retentionInDays: 0 }, waf: false,
            alarms: { enabled: false }, domain: { domainName: "*.example.com", securityPolicy: "TLS_1_0" },
            disableExecuteApiEndpoint: false, cors: { allowOrigins: ["*"] }, corsSetting: "cors.allowOrigin", throttling: { burstLimit: 0 }, authorizerResultTtlSeconds: 3600,
            tags: {},
        });
        // The settings as users write them in the components' arguments.
        assert.deepEqual(rest.weakenings.map((w) => `${w.rule} ${w.setting}`).sort(), [
            "access-log-group accessLogs.args.retentionInDays",
            "acm-certificate domain.args.domainName",
            "authorizer-cache-ttl authorizer.lambda.resultTtlSeconds",
            "cache-encryption caching.dataEncrypted",
            "cors-allowed-origins cors.allowOrigin",
            "custom-domain-tls domain.args.securityPolicy",
            "data-trace-disabled logging.dataTraceEnabled",
            "endpoint-type-allowed endpointType",
            "execute-api-endpoint-disabled disableExecuteApiEndpoint",
            "required-tags tags",
            "rest-execution-logging logging.loggingLevel",
            "rest-execution-logging logging.metricsEnabled",
            "rest-method-authorization routes[\"GET /health\"].authorization",
            "rest-request-validation requestValidation",
            "rest-stage-waf webAcl.enabled",
            "rest-stage-xray tracingEnabled",
            "stage-alarms alarms.enabled",
            "stage-throttling throttling.burstLimit",
        ]);
        assert.deepEqual(resolveHttpSettings({ routes: [{ method: "GET", path: "/x", authorization: "none" }] }).weakenings.map((w) => w.rule),
            ["v2-route-authorization"]);
    });

    test("route mistakes fail before anything is registered, naming the route and what is wrong", () => {
        const handler = {};
        const check = (routes: { method: string; path: string; handler?: unknown }[]) => () => checkSharedArgs("SecureRestApi", "orders", { routes });
        assert.throws(check([{ method: "GETT", path: "/orders", handler }]),
            /^Error: SecureRestApi "orders": route "GETT \/orders": `GETT` is not an HTTP method; use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY$/);
        assert.throws(check([{ method: "GET", path: "orders", handler }]), /route "GET orders": the path must start with "\/" \(`\/orders`\)$/);
        assert.throws(check([{ method: "GET", path: "/orders", handler }, { method: "get", path: "/orders", handler }]),
            /route "get \/orders" is given twice; each method and path is one route$/);
        assert.doesNotThrow(check([{ method: "get", path: "/orders", handler }, { method: "POST", path: "/orders", handler }, { method: "ANY", path: "$default", handler }]));
    });

    test("tags without the pack's required keys are a weakening, announced like the others", () => {
        assert.deepEqual(resolveHttpSettings({ routes: [], tags: { owner: "team" } }).weakenings,
            [{ rule: "required-tags", setting: "tags", detail: "has no environment tag: the API and stage cannot be told apart by owner or environment" }]);
        assert.deepEqual(resolveHttpSettings({ routes: [], tags: { owner: "team", environment: "prod" } }).weakenings, []);
    });

    test("route names and Lambda permission scopes", () => {
        assert.equal(routeSlug("GET", "/orders/{id}/items"), "get-orders-id-items");
        assert.equal(routeSlug("ANY", "/"), "any");
        assert.equal(routeArnSuffix("get", "/orders/{id}"), "/*/GET/orders/{id}");
        assert.equal(routeArnSuffix("ANY", "orders"), "/*/*/orders");
    });

    test("args or existing, never both", () => {
        assert.deepEqual(ownedOrExisting("C", "n", "f", undefined), {});
        assert.deepEqual(ownedOrExisting("C", "n", "f", { existing: 1 }), { existing: 1 });
        assert.throws(() => ownedOrExisting("C", "n", "logs", { args: {}, existing: 1 }), /C "n": `logs` takes either `args`/);
    });
});
