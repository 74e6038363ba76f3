/**
 * A compliant stack written with plain @pulumi/aws: a REST API behind Cognito with WAF, a custom
 * domain and a usage plan; an HTTP API with a JWT authorizer; a WebSocket API authorizing
 * `$connect`. `npm run demo` sends it through the Gatehouse pack: it yields no finding, in a
 * preview as after an update. (With Gatehouse's components the same stack is a few lines.)
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "123456789012";
const region = "us-east-1";
const handlerName = "orders-handler";
// Named, not read from the function's outputs: IAM documents are then known during a preview.
const handlerArn = `arn:aws:lambda:${region}:${account}:function:${handlerName}`;
const handlerInvokeArn = `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${handlerArn}/invocations`;
const origin = "https://app.example.com";
const tags = { owner: "team-orders", environment: "prod" };

const accessLogFormat = JSON.stringify({
    requestId: "$context.requestId",
    sourceIp: "$context.identity.sourceIp",
    caller: "$context.identity.caller",
    requestTime: "$context.requestTime",
    httpMethod: "$context.httpMethod",
    path: "$context.path",
    status: "$context.status",
    responseLatency: "$context.responseLatency",
});

function trust(service: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
    });
}

function alarms(name: string, metrics: string[], dimensions: pulumi.Input<Record<string, pulumi.Input<string>>>): void {
    for (const metric of metrics) {
        new aws.cloudwatch.MetricAlarm(`${name}-${metric.toLowerCase()}`, {
            namespace: "AWS/ApiGateway",
            metricName: metric,
            dimensions,
            statistic: metric === "Latency" ? "Average" : "Sum",
            period: 300,
            evaluationPeriods: 1,
            threshold: metric === "Latency" ? 2000 : 10,
            comparisonOperator: "GreaterThanThreshold",
        });
    }
}

// --- Shared: logs, the Lambda handler, the roles API Gateway assumes -----------------------------

const logKey = new aws.kms.Key("logs", { enableKeyRotation: true });
const logs = new aws.cloudwatch.LogGroup("api-access-logs", { retentionInDays: 365, kmsKeyId: logKey.arn });

const handlerRole = new aws.iam.Role("orders-handler-role", {
    assumeRolePolicy: trust("lambda.amazonaws.com"),
    managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
});
new aws.lambda.Function("orders-handler", {
    name: handlerName,
    runtime: "nodejs20.x",
    handler: "index.handler",
    role: handlerRole.arn,
    code: new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ statusCode: 200, body: '[]' });"),
    }),
});

// API Gateway invokes the handler with this role: trusted by API Gateway only, allowed one action on one function.
const invokeRole = new aws.iam.Role("api-invoke-handler", {
    assumeRolePolicy: trust("apigateway.amazonaws.com"),
    inlinePolicies: [{
        name: "invoke-orders-handler",
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: handlerArn }] }),
    }],
});

// The account-wide execution-logging role: only the push-to-CloudWatch permissions.
const cloudwatchRole = new aws.iam.Role("apigateway-cloudwatch", {
    assumeRolePolicy: trust("apigateway.amazonaws.com"),
    managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"],
});
new aws.apigateway.Account("account", { cloudwatchRoleArn: cloudwatchRole.arn });

// --- REST API ------------------------------------------------------------------------------------

const users = new aws.cognito.UserPool("users", {
    mfaConfiguration: "ON",
    softwareTokenMfaConfiguration: { enabled: true },
    passwordPolicy: { minimumLength: 14, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true },
    userPoolAddOns: { advancedSecurityMode: "ENFORCED" },
    userPoolTier: "PLUS",
});

const api = new aws.apigateway.RestApi("orders", {
    endpointConfiguration: { types: "REGIONAL" },
    // Reached only through the custom domain below.
    disableExecuteApiEndpoint: true,
    tags,
});
const authorizer = new aws.apigateway.Authorizer("cognito", { restApi: api.id, type: "COGNITO_USER_POOLS", providerArns: [users.arn] });
const validator = new aws.apigateway.RequestValidator("orders", { restApi: api.id, validateRequestBody: true, validateRequestParameters: true });
const orders = new aws.apigateway.Resource("orders", { restApi: api.id, parentId: api.rootResourceId, pathPart: "orders" });

const getOrders = new aws.apigateway.Method("get-orders", {
    restApi: api.id,
    resourceId: orders.id,
    httpMethod: "GET",
    authorization: "COGNITO_USER_POOLS",
    authorizerId: authorizer.id,
    requestValidatorId: validator.id,
});
const getOrdersIntegration = new aws.apigateway.Integration("get-orders", {
    restApi: api.id,
    resourceId: orders.id,
    httpMethod: getOrders.httpMethod,
    type: "AWS_PROXY",
    integrationHttpMethod: "POST",
    uri: handlerInvokeArn,
    credentials: invokeRole.arn,
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
new aws.apigateway.IntegrationResponse("orders-preflight", {
    restApi: api.id,
    resourceId: orders.id,
    httpMethod: preflight.httpMethod,
    statusCode: "200",
    responseParameters: { "method.response.header.Access-Control-Allow-Origin": `'${origin}'` },
}, { dependsOn: [preflightIntegration] });

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
    tags,
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
alarms("orders-prod", ["5XXError", "4XXError", "Latency"], { ApiName: api.name, Stage: stage.stageName });

const wafLogs = new aws.cloudwatch.LogGroup("aws-waf-logs-orders", { name: "aws-waf-logs-orders", retentionInDays: 365 });
const managedGroup = (name: string, priority: number) => ({
    name,
    priority,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
    visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
});
const webAcl = new aws.wafv2.WebAcl("orders", {
    scope: "REGIONAL",
    defaultAction: { allow: {} },
    visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "orders", sampledRequestsEnabled: true },
    rules: [
        managedGroup("AWSManagedRulesCommonRuleSet", 1),
        managedGroup("AWSManagedRulesKnownBadInputsRuleSet", 2),
        {
            name: "per-ip-rate",
            priority: 3,
            action: { block: {} },
            statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP" } },
            visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "per-ip-rate", sampledRequestsEnabled: true },
        },
    ],
});
new aws.wafv2.WebAclAssociation("orders-prod", { resourceArn: stage.arn, webAclArn: webAcl.arn });
new aws.wafv2.WebAclLoggingConfiguration("orders", { resourceArn: webAcl.arn, logDestinationConfigs: [wafLogs.arn] });

const certificate = new aws.acm.Certificate("orders", { domainName: "orders.example.com", validationMethod: "DNS" });
const domain = new aws.apigateway.DomainName("orders", {
    domainName: "orders.example.com",
    regionalCertificateArn: certificate.arn,
    endpointConfiguration: { types: "REGIONAL" },
    securityPolicy: "SecurityPolicy_TLS13_1_3_2025_09",
    endpointAccessMode: "STRICT",
});
new aws.apigateway.BasePathMapping("orders", { restApi: api.id, stageName: stage.stageName, domainName: domain.domainName });

// Partners are metered by API key; the key value is generated by API Gateway, never written here.
const plan = new aws.apigateway.UsagePlan("partners", {
    apiStages: [{ apiId: api.id, stage: stage.stageName }],
    throttleSettings: { burstLimit: 100, rateLimit: 50 },
    quotaSettings: { limit: 100000, period: "MONTH" },
});
const partnerKey = new aws.apigateway.ApiKey("partner-a", {});
new aws.apigateway.UsagePlanKey("partner-a", { keyId: partnerKey.id, keyType: "API_KEY", usagePlanId: plan.id });

// --- HTTP API ------------------------------------------------------------------------------------

const httpApi = new aws.apigatewayv2.Api("catalog", {
    protocolType: "HTTP",
    disableExecuteApiEndpoint: true,
    corsConfiguration: { allowOrigins: [origin], allowMethods: ["GET"] },
    tags,
});
const jwt = new aws.apigatewayv2.Authorizer("catalog-jwt", {
    apiId: httpApi.id,
    authorizerType: "JWT",
    identitySources: ["$request.header.Authorization"],
    jwtConfiguration: { issuer: "https://issuer.example.com/", audiences: ["catalog"] },
});
const httpIntegration = new aws.apigatewayv2.Integration("catalog", {
    apiId: httpApi.id,
    integrationType: "AWS_PROXY",
    integrationUri: handlerArn,
    payloadFormatVersion: "2.0",
    credentialsArn: invokeRole.arn,
});
new aws.apigatewayv2.Route("catalog-list", {
    apiId: httpApi.id,
    routeKey: "GET /items",
    authorizationType: "JWT",
    authorizerId: jwt.id,
    target: pulumi.interpolate`integrations/${httpIntegration.id}`,
});
const httpStage = new aws.apigatewayv2.Stage("catalog-default", {
    apiId: httpApi.id,
    name: "$default",
    autoDeploy: true,
    accessLogSettings: { destinationArn: logs.arn, format: accessLogFormat },
    // Both values, always: setting one lets the provider default the other to 0 (every request 429).
    defaultRouteSettings: { throttlingBurstLimit: 200, throttlingRateLimit: 400 },
    tags,
});
alarms("catalog-default", ["5xx", "4xx", "Latency"], { ApiId: httpApi.id, Stage: httpStage.name });
const httpDomain = new aws.apigatewayv2.DomainName("catalog", {
    domainName: "catalog.example.com",
    domainNameConfiguration: { certificateArn: certificate.arn, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
});
new aws.apigatewayv2.ApiMapping("catalog", { apiId: httpApi.id, domainName: httpDomain.domainName, stage: httpStage.name });

// --- WebSocket API: only $connect can carry an authorizer ----------------------------------------

const socket = new aws.apigatewayv2.Api("updates", { protocolType: "WEBSOCKET", routeSelectionExpression: "$request.body.action", tags });
const socketAuthorizer = new aws.apigatewayv2.Authorizer("updates-connect", {
    apiId: socket.id,
    authorizerType: "REQUEST",
    authorizerUri: handlerInvokeArn,
    authorizerCredentialsArn: invokeRole.arn,
    identitySources: ["route.request.header.Authorization"],
});
const socketRoutes = [
    new aws.apigatewayv2.Route("updates-connect", { apiId: socket.id, routeKey: "$connect", authorizationType: "CUSTOM", authorizerId: socketAuthorizer.id }),
    new aws.apigatewayv2.Route("updates-default", { apiId: socket.id, routeKey: "$default" }),
    new aws.apigatewayv2.Route("updates-subscribe", { apiId: socket.id, routeKey: "subscribe" }),
];
const socketDeployment = new aws.apigatewayv2.Deployment("updates", { apiId: socket.id }, { dependsOn: socketRoutes });
const socketStage = new aws.apigatewayv2.Stage("updates-prod", {
    apiId: socket.id,
    name: "prod",
    deploymentId: socketDeployment.id,
    accessLogSettings: { destinationArn: logs.arn, format: accessLogFormat },
    defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 50, loggingLevel: "ERROR", detailedMetricsEnabled: true, dataTraceEnabled: false },
    tags,
});
alarms("updates-prod", ["ExecutionError", "IntegrationError", "ClientError"], { ApiId: socket.id, Stage: socketStage.name });

export const restUrl = pulumi.interpolate`https://${domain.domainName}`;
export const httpUrl = pulumi.interpolate`https://${httpDomain.domainName}`;
