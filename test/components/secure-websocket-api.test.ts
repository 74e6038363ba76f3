import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { baseline } from "../../components/baseline";
import { SecureWebSocketApi, SecureWebSocketApiArgs } from "../../components/websocket-api";
import { runProgram } from "../../testing/program";
import { lambdaHandler, record, weakeningCases } from "../helpers/components";
import { classify, MODES, usePack } from "../helpers/pack";

const tags = { owner: "team-chat", environment: "prod" };

function defaults(overrides: Partial<SecureWebSocketApiArgs> = {}): SecureWebSocketApi {
    const handler = lambdaHandler("chat-handler");
    return new SecureWebSocketApi("chat", {
        tags,
        authorizer: { lambda: { handler: lambdaHandler("chat-authorizer") } },
        routes: [
            { routeKey: "$disconnect", handler },
            { routeKey: "$default", handler },
            { routeKey: "sendMessage", handler },
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

describe("SecureWebSocketApi: the resources it registers", () => {
    test("defaults: an authorized $connect, routes to Lambda with scoped permissions, JSON logs, INFO logging, both throttling values, alarms", async () => {
        const { one, ofType, component } = await record(() => defaults());
        const api = one(T.api);
        assert.equal(api.inputs.protocolType, "WEBSOCKET");
        assert.equal(api.inputs.routeSelectionExpression, "$request.body.action");
        const authorizer = one(T.authorizer);
        assert.equal(authorizer.inputs.authorizerType, "REQUEST");
        assert.deepEqual(authorizer.inputs.identitySources, ["route.request.header.Authorization"]);
        assert.equal(authorizer.inputs.authorizerPayloadFormatVersion, undefined, "WebSocket authorizers take no payload version");
        assert.deepEqual(ofType(T.route).map((r) => [r.inputs.routeKey, r.inputs.authorizationType, r.inputs.authorizerId === authorizer.outputs.id]).sort(), [
            ["$connect", "CUSTOM", true], ["$default", "NONE", false], ["$disconnect", "NONE", false], ["sendMessage", "NONE", false],
        ]);
        // $connect with no handler: a MOCK integration accepts the connection once the authorizer allows it.
        assert.deepEqual(ofType(T.integration).map((i) => i.inputs.integrationType).sort(), ["AWS_PROXY", "AWS_PROXY", "AWS_PROXY", "MOCK"]);
        for (const integration of ofType(T.integration).filter((i) => i.inputs.integrationType === "AWS_PROXY")) {
            assert.equal(integration.inputs.integrationMethod, "POST");
            assert.match(integration.inputs.integrationUri, /:lambda:path\/2015-03-31\/functions\/.*\/invocations$/);
        }
        const executionArn = api.outputs.executionArn;
        assert.deepEqual(ofType(T.permission).map((p) => p.inputs.sourceArn).sort(), [
            `${executionArn}/*/$default`, `${executionArn}/*/$disconnect`, `${executionArn}/*/sendMessage`, `${executionArn}/authorizers/${authorizer.outputs.id}`,
        ].sort());
        const stage = one(T.stage);
        assert.equal(stage.inputs.name, "prod");
        assert.equal(stage.inputs.autoDeploy, true);
        assert.deepEqual(JSON.parse(stage.inputs.accessLogSettings.format), baseline.websocketAccessLogFormat);
        assert.equal(stage.inputs.accessLogSettings.destinationArn, one(T.logGroup).outputs.arn);
        assert.deepEqual(stage.inputs.defaultRouteSettings, {
            throttlingBurstLimit: baseline.throttling.burstLimit, throttlingRateLimit: baseline.throttling.rateLimit,
            loggingLevel: "INFO", dataTraceEnabled: false, detailedMetricsEnabled: true,
        });
        assert.deepEqual(ofType(T.alarm).map((a) => a.inputs.metricName).sort(), ["ClientError", "ExecutionError", "IntegrationError"]);
        assert.deepEqual(Object.keys(component.routes).sort(), ["$connect", "$default", "$disconnect", "sendMessage"]);
    });

    test("without an authorizer, $connect requires IAM; a $connect handler gets its own scoped permission", async () => {
        const connect = lambdaHandler("chat-connect");
        const { ofType, one } = await record(() => defaults({ authorizer: undefined, connect: { handler: connect } }));
        const route = ofType(T.route).find((r) => r.inputs.routeKey === "$connect")!;
        assert.equal(route.inputs.authorizationType, "AWS_IAM");
        assert.equal(ofType(T.authorizer).length, 0);
        assert.ok(ofType(T.permission).some((p) => p.inputs.sourceArn === `${one(T.api).outputs.executionArn}/*/$connect`));
    });

    test("a custom domain: TLS 1.2, the execute-api endpoint disabled, wss:// and https:// URLs on the domain", async () => {
        const { one, component } = await record(() => defaults({ domain: { args: { domainName: "chat.example.com", certificate: { args: {} } }, apiMappingKey: "v1" } }));
        assert.equal(one(T.domain).inputs.domainNameConfiguration.securityPolicy, baseline.securityPolicy);
        assert.equal(one(T.api).inputs.disableExecuteApiEndpoint, true);
        assert.equal(one(T.mapping).inputs.apiMappingKey, "v1");
        const [url, management] = await new Promise<[string, string]>((resolve) => component.url.apply((u) => component.managementEndpoint.apply((m) => resolve([u, m]))));
        assert.equal(url, "wss://chat.example.com/v1");
        assert.equal(management, "https://chat.example.com/v1");
    });

    test("route mistakes are refused before anything is registered", async () => {
        const handler = { arn: "arn:aws:lambda:us-east-1:123456789012:function:h", invokeArn: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:h/invocations", name: "h" };
        for (const [routes, error] of [
            [[{ routeKey: "$connect", handler }], /route "\$connect": set `connect` \(its handler and authorization\) instead/],
            [[{ routeKey: "sendMessage", handler }, { routeKey: "sendMessage", handler }], /route "sendMessage" is given twice/],
            [[{ routeKey: "send-message", handler }, { routeKey: "send_message", handler }], /would share resource names \(send-message\)/],
            [[{ routeKey: " ", handler }], /a route has an empty `routeKey`/],
        ] as const) {
            const registered = await runProgram(() => {
                assert.throws(() => new SecureWebSocketApi("chat", { tags, routes: [...routes] }), error);
            }, { mode: "up" });
            assert.deepEqual(registered.filter((resource) => resource.type !== "pulumi:pulumi:Stack").map((resource) => resource.urn), []);
        }
    });
});

describe("SecureWebSocketApi through the pack", () => {
    const pack = usePack();
    for (const mode of MODES) {
        test(`the default configuration yields no violation (${mode})`, async () => {
            const run = await pack.run(() => { defaults(); }, mode);
            const { violations, unverifiable } = classify(run.diagnostics);
            assert.deepEqual(violations, []);
            // In a preview the permissions' source ARNs hold the API's execution ARN, not known yet.
            assert.deepEqual(unverifiable, mode === "up" ? [] : [
                "advisory lambda-permission-scoped chat-authorizer",
                "advisory lambda-permission-scoped chat-default",
                "advisory lambda-permission-scoped chat-disconnect",
                "advisory lambda-permission-scoped chat-sendmessage",
            ]);
        });
        test(`every option turned on at once yields no violation (${mode})`, async () => {
            const run = await pack.run(() => {
                defaults({
                    connect: { handler: lambdaHandler("chat-connect") },
                    accessLogs: { args: { kmsKey: { args: {} } } },
                    domain: { args: { domainName: "chat.example.com", securityPolicy: "SecurityPolicy_TLS13_1_3_2025_09", certificate: { args: {} } }, apiMappingKey: "v1" },
                    throttling: { burstLimit: 20, rateLimit: 10 },
                    logging: { loggingLevel: "ERROR" },
                    alarms: { actions: ["arn:aws:sns:us-east-1:123456789012:oncall"] },
                    routeSelectionExpression: "$request.body.type",
                });
            }, mode);
            assert.deepEqual(classify(run.diagnostics).violations, []);
        });
    }

    weakeningCases<SecureWebSocketApiArgs, SecureWebSocketApi>(pack, defaults, [
        { name: "an unauthenticated $connect", override: { connect: { authorization: "none" } }, expected: ["mandatory v2-route-authorization chat-connect"], announced: "v2-route-authorization" },
        { name: "execution logging off", override: { logging: { loggingLevel: "OFF" } }, expected: ["mandatory websocket-execution-logging chat"], announced: "websocket-execution-logging" },
        { name: "no detailed metrics", override: { logging: { detailedMetricsEnabled: false } }, expected: ["mandatory websocket-execution-logging chat"], announced: "websocket-execution-logging" },
        { name: "data trace on", override: { logging: { dataTraceEnabled: true } }, expected: ["mandatory data-trace-disabled chat"], announced: "data-trace-disabled" },
        { name: "a short log retention", override: { accessLogs: { args: { retentionInDays: 7 } } }, expected: ["mandatory access-log-group chat-access-logs"], announced: "access-log-group" },
        { name: "no alarms", override: { alarms: { enabled: false } }, expected: ["advisory stage-alarms chat"], announced: "stage-alarms" },
        { name: "TLS 1.0 on the domain", override: { domain: { args: { domainName: "chat.example.com", securityPolicy: "TLS_1_0", certificate: { existing: "arn:aws:acm:us-east-1:123456789012:certificate/c" } } } },
            expected: ["mandatory custom-domain-tls chat"], announced: "custom-domain-tls" },
        { name: "the execute-api endpoint kept with a domain", override: { disableExecuteApiEndpoint: false, domain: { existing: { domainName: "chat.example.com" } } },
            expected: ["mandatory execute-api-endpoint-disabled chat"], announced: "execute-api-endpoint-disabled" },
        { name: "a zero rate limit", override: { throttling: { rateLimit: 0 } }, expected: ["mandatory stage-throttling chat"], announced: "stage-throttling" },
        { name: "tags without the required keys", override: { tags: { owner: "team-chat" } }, expected: ["advisory required-tags chat"], announced: "required-tags" },
    ]);
});
