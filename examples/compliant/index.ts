/**
 * A compliant stack written with plain @pulumi/aws: a REST API with a Cognito authorizer and a
 * CORS preflight, an HTTP API with a JWT authorizer, and a WebSocket API authorizing `$connect`.
 * `npm run demo` sends it through the Gatehouse pack: it yields no violation.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const accessLogFormat = JSON.stringify({
    requestId: "$context.requestId",
    sourceIp: "$context.identity.sourceIp",
    httpMethod: "$context.httpMethod",
    path: "$context.path",
    status: "$context.status",
    responseLatency: "$context.responseLatency",
});

const logs = new aws.cloudwatch.LogGroup("api-access-logs", { retentionInDays: 90 });

// --- Shared: a Lambda handler and the account's CloudWatch role for execution logs -------------

const handlerRole = new aws.iam.Role("orders-handler-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
});

const handler = new aws.lambda.Function("orders-handler", {
    runtime: "nodejs20.x",
    handler: "index.handler",
    role: handlerRole.arn,
    code: new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ statusCode: 200, body: '[]' });"),
    }),
});

const cloudwatchRole = new aws.iam.Role("apigateway-cloudwatch", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"],
});
new aws.apigateway.Account("account", { cloudwatchRoleArn: cloudwatchRole.arn });

// --- REST API ----------------------------------------------------------------------------------

const users = new aws.cognito.UserPool("users", { mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: true } });

const api = new aws.apigateway.RestApi("orders", { endpointConfiguration: { types: "REGIONAL" } });
const authorizer = new aws.apigateway.Authorizer("cognito", {
    restApi: api.id,
    type: "COGNITO_USER_POOLS",
    providerArns: [users.arn],
});
const orders = new aws.apigateway.Resource("orders", { restApi: api.id, parentId: api.rootResourceId, pathPart: "orders" });

const getOrders = new aws.apigateway.Method("get-orders", {
    restApi: api.id,
    resourceId: orders.id,
    httpMethod: "GET",
    authorization: "COGNITO_USER_POOLS",
    authorizerId: authorizer.id,
});
const getOrdersIntegration = new aws.apigateway.Integration("get-orders", {
    restApi: api.id,
    resourceId: orders.id,
    httpMethod: getOrders.httpMethod,
    type: "AWS_PROXY",
    integrationHttpMethod: "POST",
    uri: handler.invokeArn,
});

// Browsers send CORS preflight requests without credentials: OPTIONS answered by a MOCK integration.
const preflight = new aws.apigateway.Method("orders-preflight", {
    restApi: api.id,
    resourceId: orders.id,
    httpMethod: "OPTIONS",
    authorization: "NONE",
});
const preflightIntegration = new aws.apigateway.Integration("orders-preflight", {
    restApi: api.id,
    resourceId: orders.id,
    httpMethod: preflight.httpMethod,
    type: "MOCK",
    requestTemplates: { "application/json": "{\"statusCode\": 200}" },
});

new aws.lambda.Permission("orders-invoke", {
    action: "lambda:InvokeFunction",
    function: handler.name,
    principal: "apigateway.amazonaws.com",
    sourceArn: pulumi.interpolate`${api.executionArn}/*/GET/orders`,
});

const deployment = new aws.apigateway.Deployment("orders", {
    restApi: api.id,
    triggers: { redeployment: "v1" },
}, { dependsOn: [getOrdersIntegration, preflightIntegration] });

const stage = new aws.apigateway.Stage("orders-prod", {
    restApi: api.id,
    deployment: deployment.id,
    stageName: "prod",
    xrayTracingEnabled: true,
    accessLogSettings: { destinationArn: logs.arn, format: accessLogFormat },
});

new aws.apigateway.MethodSettings("orders-prod-all", {
    restApi: api.id,
    stageName: stage.stageName,
    methodPath: "*/*",
    settings: {
        loggingLevel: "INFO",
        metricsEnabled: true,
        dataTraceEnabled: false,
        throttlingBurstLimit: 500,
        throttlingRateLimit: 1000,
    },
});

const webAcl = new aws.wafv2.WebAcl("orders", {
    scope: "REGIONAL",
    defaultAction: { allow: {} },
    visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "orders", sampledRequestsEnabled: true },
    rules: [{
        name: "aws-common",
        priority: 1,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } },
        visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "aws-common", sampledRequestsEnabled: true },
    }],
});
new aws.wafv2.WebAclAssociation("orders-prod", { resourceArn: stage.arn, webAclArn: webAcl.arn });

new aws.apigateway.DomainName("orders", {
    domainName: "orders.example.com",
    regionalCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555",
    endpointConfiguration: { types: "REGIONAL" },
    securityPolicy: "SecurityPolicy_TLS13_1_3_2025_09",
    endpointAccessMode: "STRICT",
});

// --- HTTP API ----------------------------------------------------------------------------------

const httpApi = new aws.apigatewayv2.Api("catalog", { protocolType: "HTTP" });
const jwt = new aws.apigatewayv2.Authorizer("catalog-jwt", {
    apiId: httpApi.id,
    authorizerType: "JWT",
    identitySources: ["$request.header.Authorization"],
    jwtConfiguration: { issuer: "https://issuer.example.com/", audiences: ["catalog"] },
});
const httpIntegration = new aws.apigatewayv2.Integration("catalog", {
    apiId: httpApi.id,
    integrationType: "AWS_PROXY",
    integrationUri: handler.arn,
    payloadFormatVersion: "2.0",
});
new aws.apigatewayv2.Route("catalog-list", {
    apiId: httpApi.id,
    routeKey: "GET /items",
    authorizationType: "JWT",
    authorizerId: jwt.id,
    target: pulumi.interpolate`integrations/${httpIntegration.id}`,
});
new aws.apigatewayv2.Stage("catalog-default", {
    apiId: httpApi.id,
    name: "$default",
    autoDeploy: true,
    accessLogSettings: { destinationArn: logs.arn, format: accessLogFormat },
    defaultRouteSettings: { throttlingBurstLimit: 200, throttlingRateLimit: 400 },
});
new aws.apigatewayv2.DomainName("catalog", {
    domainName: "catalog.example.com",
    domainNameConfiguration: {
        certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555",
        endpointType: "REGIONAL",
        securityPolicy: "TLS_1_2",
    },
});

// --- WebSocket API: only $connect can carry an authorizer ---------------------------------------

const socket = new aws.apigatewayv2.Api("updates", { protocolType: "WEBSOCKET", routeSelectionExpression: "$request.body.action" });
const socketAuthorizer = new aws.apigatewayv2.Authorizer("updates-connect", {
    apiId: socket.id,
    authorizerType: "REQUEST",
    authorizerUri: handler.invokeArn,
    identitySources: ["route.request.header.Authorization"],
});
new aws.apigatewayv2.Route("updates-connect", {
    apiId: socket.id,
    routeKey: "$connect",
    authorizationType: "CUSTOM",
    authorizerId: socketAuthorizer.id,
});
new aws.apigatewayv2.Route("updates-default", { apiId: socket.id, routeKey: "$default" });
new aws.apigatewayv2.Route("updates-subscribe", { apiId: socket.id, routeKey: "subscribe" });
new aws.apigatewayv2.Stage("updates-prod", {
    apiId: socket.id,
    name: "prod",
    accessLogSettings: { destinationArn: logs.arn, format: accessLogFormat },
    defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 50, loggingLevel: "ERROR", dataTraceEnabled: false },
});

export const restUrl = stage.invokeUrl;
export const httpUrl = httpApi.apiEndpoint;
