/**
 * The stack most teams start from, written with plain @pulumi/aws: it works, and it trips every
 * Gatehouse rule of the foundation catalog. `npm run demo` shows what the pack reports.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const handlerRole = new aws.iam.Role("handler-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});
const handler = new aws.lambda.Function("handler", {
    runtime: "nodejs20.x",
    handler: "index.handler",
    role: handlerRole.arn,
    code: new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ statusCode: 200 });"),
    }),
});

// An integration role "that just works": every action on everything.
const integrationRole = new aws.iam.Role("integration-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    inlinePolicies: [{
        name: "everything",
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }),
    }],
});

// REST API: public (EDGE by default), no authorization, no logs, no throttling, no WAF.
const api = new aws.apigateway.RestApi("legacy");
const items = new aws.apigateway.Resource("items", { restApi: api.id, parentId: api.rootResourceId, pathPart: "items" });
const getItems = new aws.apigateway.Method("get-items", {
    restApi: api.id,
    resourceId: items.id,
    httpMethod: "GET",
    authorization: "NONE",
    apiKeyRequired: true,
});
const integration = new aws.apigateway.Integration("get-items", {
    restApi: api.id,
    resourceId: items.id,
    httpMethod: getItems.httpMethod,
    type: "AWS_PROXY",
    integrationHttpMethod: "POST",
    uri: handler.invokeArn,
    credentials: integrationRole.arn,
});
const deployment = new aws.apigateway.Deployment("legacy", { restApi: api.id }, { dependsOn: [integration] });
new aws.apigateway.Stage("legacy-prod", { restApi: api.id, deployment: deployment.id, stageName: "prod" });

new aws.apigateway.DomainName("legacy", {
    domainName: "legacy.example.com",
    certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555",
    securityPolicy: "TLS_1_0",
});

// HTTP API: an open route, and a stage that sets only one throttling value.
const httpApi = new aws.apigatewayv2.Api("public", { protocolType: "HTTP" });
new aws.apigatewayv2.Route("public-items", { apiId: httpApi.id, routeKey: "GET /items" });
new aws.apigatewayv2.Stage("public-default", {
    apiId: httpApi.id,
    name: "$default",
    autoDeploy: true,
    defaultRouteSettings: { throttlingBurstLimit: 100 },
});

// Every stage and method of the API may invoke the handler; CORS lets any site call with the user's cookies.
new aws.lambda.Permission("handler-invoke", {
    action: "lambda:InvokeFunction",
    function: handler.name,
    principal: "apigateway.amazonaws.com",
    sourceArn: pulumi.interpolate`${api.executionArn}/*/*`,
});
new aws.apigatewayv2.Api("partner-portal", {
    protocolType: "HTTP",
    corsConfiguration: { allowOrigins: ["*"], allowCredentials: true, allowMethods: ["GET"] },
    tags: { owner: "team-portal", environment: "prod" },
});

// A usage plan that meters nothing, and an API key written into the program.
const plan = new aws.apigateway.UsagePlan("partners", { throttleSettings: { burstLimit: 100, rateLimit: 50 } });
const key = new aws.apigateway.ApiKey("partner-b", { value: "pk_live_0123456789abcdef0123" });
new aws.apigateway.UsagePlanKey("partner-b", { keyId: key.id, keyType: "API_KEY", usagePlanId: plan.id });
