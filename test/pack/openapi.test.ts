/**
 * The API surface through the real pack over gRPC, in `pulumi up` and `pulumi preview`: APIs
 * defined by OpenAPI bodies (literal, and built from outputs the way @pulumi/aws-apigateway
 * builds them), quick-create HTTP APIs and WebSocket APIs. Findings are reported on the API with
 * the operation named; a body unknown during preview is "cannot be verified", never a pass.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { asJson, asYaml, httpDocument, restDocument } from "../fixtures/openapi";
import { lambdaHandler } from "../helpers/components";
import { classify, MODES, usePack } from "../helpers/pack";

const tags = { owner: "team-orders", environment: "prod" };
const ROUTE_RULES = new Set(["rest-method-authorization", "v2-route-authorization", "rest-request-validation", "authorizer-cache-ttl", "jwt-authorizer-configuration", "cors-allowed-origins", "rest-api-resource-policy", "lambda-permission-scoped"]);

/**
 * What @pulumi/aws-apigateway's provider registers for its README example (a RestAPI with Lambda
 * routes): a RestApi whose body is the Swagger 2 document it generates from the routes (each
 * route's integration URI is the function's invoke ARN, an output), a Deployment, a Stage and a
 * Lambda permission per route. Written here from its documented behaviour: routes without
 * `authorizers` or `iamAuthEnabled` get no security requirement.
 */
function awsApigatewayRestApi(name: string) {
    const hello = lambdaHandler(`${name}-hello`);
    const submit = lambdaHandler(`${name}-submit`);
    const operation = (handler: aws.lambda.Function) => ({
        "x-amazon-apigateway-integration": { uri: handler.invokeArn, passthroughBehavior: "when_no_match", httpMethod: "POST", type: "aws_proxy" },
    });
    const api = new aws.apigateway.RestApi(name, {
        binaryMediaTypes: ["*/*"],
        body: pulumi.jsonStringify({
            swagger: "2.0",
            info: { title: name, version: "1.0" },
            paths: { "/": { get: operation(hello) }, "/submit": { post: operation(submit) } },
            "x-amazon-apigateway-binary-media-types": ["*/*"],
        }),
        tags,
    });
    const deployment = new aws.apigateway.Deployment(name, { restApi: api.id, description: "deployment" });
    new aws.apigateway.Stage(name, { restApi: api.id, deployment: deployment.id, stageName: "stage" });
    for (const [route, handler] of [["hello", hello], ["submit", submit]] as const) {
        new aws.lambda.Permission(`${name}-${route}`, {
            action: "lambda:invokeFunction", function: handler.name, principal: "apigateway.amazonaws.com",
            sourceArn: pulumi.interpolate`${api.executionArn}/*/*`,
        });
    }
}

function routeFindings(diagnostics: readonly { policyName: string }[]) {
    return diagnostics.filter((diagnostic) => ROUTE_RULES.has(diagnostic.policyName));
}

describe("OpenAPI bodies through the pack", () => {
    const pack = usePack();

    test("an @pulumi/aws-apigateway RestAPI: its unauthenticated routes are reported on the API, by operation (up)", async () => {
        const run = await pack.run(() => awsApigatewayRestApi("api"), "up");
        const findings = routeFindings(run.diagnostics);
        const details = findings.map((d: any) => `${d.enforcementLevel} ${d.policyName}: ${d.message.split("\n")[1]}`).sort();
        assert.deepEqual(details, [
            "advisory rest-request-validation: OpenAPI operation POST /submit: method POST validates no request",
            "mandatory lambda-permission-scoped: the source ARN arn:aws:execute-api:us-east-1:123456789012:api-0004/*/* allows every stage, method and path of the API",
            "mandatory lambda-permission-scoped: the source ARN arn:aws:execute-api:us-east-1:123456789012:api-0004/*/* allows every stage, method and path of the API",
            "mandatory rest-method-authorization: OpenAPI operation GET /: method GET has authorization NONE: anyone can call it",
            "mandatory rest-method-authorization: OpenAPI operation POST /submit: method POST has authorization NONE: anyone can call it",
        ]);
        for (const finding of findings.filter((d) => d.policyName !== "lambda-permission-scoped")) {
            assert.match((finding as any).urn, /\$aws:apigateway\/restApi:RestApi::api$/);
        }
    });

    test("an @pulumi/aws-apigateway RestAPI in a preview: the body is built from outputs, so its routes cannot be verified until apply (preview)", async () => {
        const run = await pack.run(() => awsApigatewayRestApi("api"), "preview");
        const { violations, unverifiable } = classify(routeFindings(run.diagnostics) as any);
        assert.deepEqual(violations, []);
        // Every rule about what a body can define says it cannot see it: its routes, authorizers, responses and resource policy.
        assert.deepEqual(unverifiable, [
            "advisory authorizer-cache-ttl api",
            "advisory cors-allowed-origins api",
            "advisory lambda-permission-scoped api-hello",
            "advisory lambda-permission-scoped api-submit",
            "advisory rest-api-resource-policy api",
            "advisory rest-method-authorization api",
            "advisory rest-request-validation api",
        ]);
        const message = run.diagnostics.find((d) => d.policyName === "rest-method-authorization")!.message;
        assert.match(message, /\ncannot be verified until apply: the OpenAPI body is not known during preview$/);
    });

    for (const mode of MODES) {
        test(`a literal OpenAPI 3 document: every control fires on its operation, the same in preview (${mode})`, async () => {
            const run = await pack.run(() => {
                new aws.apigateway.RestApi("orders", { body: asJson(restDocument("openapi3", false)), endpointConfiguration: { types: "REGIONAL" }, tags });
                new aws.apigatewayv2.Api("catalog", { protocolType: "HTTP", body: asYaml(httpDocument("openapi3", false)), tags });
            }, mode);
            const details = routeFindings(run.diagnostics).map((d: any) => `${d.enforcementLevel} ${d.policyName} ${d.urn.split("::").pop()}: ${d.message.split("\n")[1]}`).sort();
            assert.deepEqual(details, [
                "advisory rest-request-validation orders: OpenAPI operation POST /orders: the validator of method POST does not validate the body",
                "mandatory authorizer-cache-ttl orders: OpenAPI security scheme token-check: authorizer results are cached for 3600 seconds; at most 300 are allowed",
                "mandatory cors-allowed-origins catalog: CORS allows every origin (*) with credentials",
                "mandatory jwt-authorizer-configuration catalog: OpenAPI security scheme jwt: the JWT authorizer accepts tokens for any audience",
                "mandatory rest-api-resource-policy orders: statement 1 allows every principal (*) without a condition",
                "mandatory rest-method-authorization orders: OpenAPI operation GET /health: method GET has authorization NONE: anyone can call it",
                "mandatory rest-method-authorization orders: OpenAPI operation POST /orders: method POST requires only an API key, which identifies a client but does not authorize the caller",
                "mandatory rest-method-authorization orders: OpenAPI operation POST /submit: method POST has authorization NONE: anyone can call it",
                "mandatory v2-route-authorization catalog: OpenAPI operation POST /submit: route POST /submit has authorization NONE: anyone can call it",
            ]);
        });
        test(`the compliant twins are clean (${mode})`, async () => {
            const run = await pack.run(() => {
                new aws.apigateway.RestApi("orders", { body: asJson(restDocument("swagger2", true)), endpointConfiguration: { types: "REGIONAL" }, tags });
                new aws.apigatewayv2.Api("catalog", { protocolType: "HTTP", body: asYaml(httpDocument("openapi3", true)), tags });
            }, mode);
            assert.deepEqual(routeFindings(run.diagnostics), []);
        });
        test(`a waiver on the API accepts its operations' findings, with the reason (${mode})`, async () => {
            const run = await pack.run(() => {
                new aws.apigatewayv2.Api("catalog", {
                    protocolType: "HTTP", body: asYaml(httpDocument("openapi3", false)),
                    tags: { ...tags, "gatehouse:waive:v2-route-authorization": "POST /submit takes anonymous feedback by design" },
                });
            }, mode);
            assert.deepEqual(classify(run.diagnostics.filter((d) => d.policyName === "v2-route-authorization")).waived, ["advisory v2-route-authorization catalog"]);
        });
    }
});

describe("Quick create and WebSocket APIs through the pack", () => {
    const pack = usePack();
    for (const mode of MODES) {
        test(`a quick-create HTTP API: a public route and an unlogged, unthrottled $default stage (${mode})`, async () => {
            const run = await pack.run(() => {
                const handler = lambdaHandler("hello");
                new aws.apigatewayv2.Api("quick", { protocolType: "HTTP", target: handler.arn, tags });
            }, mode);
            const quick = run.diagnostics.filter((d) => d.urn.endsWith("::quick"));
            const details = quick.map((d) => `${d.enforcementLevel} ${d.policyName}: ${d.message.split("\n")[1]}`).sort();
            assert.deepEqual(details, [
                "advisory stage-alarms: quick-create stage $default: the stage has no alarm on 5xx, 4xx, Latency",
                "mandatory stage-access-logging: quick-create stage $default: the stage has no access logging",
                "mandatory stage-throttling: quick-create stage $default: the stage sets no burst limit and no rate limit",
                "mandatory v2-route-authorization: quick-create route $default: route $default has authorization NONE: anyone can call it",
            ]);
        });
        test(`a WebSocket API with no $connect route, and one whose $connect is authorized (${mode})`, async () => {
            const run = await pack.run(() => {
                const open = new aws.apigatewayv2.Api("open-chat", { protocolType: "WEBSOCKET", routeSelectionExpression: "$request.body.action", tags });
                new aws.apigatewayv2.Route("open-chat-default", { apiId: open.id, routeKey: "$default" });
                const closed = new aws.apigatewayv2.Api("closed-chat", { protocolType: "WEBSOCKET", routeSelectionExpression: "$request.body.action", tags });
                new aws.apigatewayv2.Route("closed-chat-connect", { apiId: closed.id, routeKey: "$connect", authorizationType: "AWS_IAM" });
            }, mode);
            const diagnostics = run.diagnostics.filter((d) => d.policyName === "v2-route-authorization");
            assert.deepEqual(classify(diagnostics).violations, ["mandatory v2-route-authorization open-chat"]);
            assert.match(diagnostics[0].message, /the WebSocket API has no `\$connect` route/);
        });
    }
});
