/**
 * A secure REST API with Gatehouse's `SecureRestApi`: Lambda handlers behind a Cognito user pool,
 * CORS for one web origin, a custom domain, a partner usage plan with a generated API key, and
 * access logs encrypted with a customer KMS key. Everything else — request validation, execution
 * logs, X-Ray, throttling, the web ACL, alarms, scoped Lambda permissions — is the component's
 * default. `npm run demo` sends it through the Gatehouse pack: no finding.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ApiGatewayAccountLogging, SecureRestApi } from "gatehouse-apigw/components";

const tags = { owner: "team-orders", environment: "prod" };

// Once per account and region (often in a platform stack): the role API Gateway writes execution logs with.
new ApiGatewayAccountLogging("apigateway-logging", { tags });

const users = new aws.cognito.UserPool("customers", {
    mfaConfiguration: "ON",
    softwareTokenMfaConfiguration: { enabled: true },
    passwordPolicy: { minimumLength: 14, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true },
    userPoolAddOns: { advancedSecurityMode: "ENFORCED" },
    userPoolTier: "PLUS",
    tags,
});

const handlerRole = new aws.iam.Role("orders-handlers", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
});
const handler = (name: string, body: string) => new aws.lambda.Function(name, {
    runtime: "nodejs20.x",
    handler: "index.handler",
    role: handlerRole.arn,
    code: new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset(`exports.handler = async () => ({ statusCode: 200, body: ${JSON.stringify(body)} });`),
    }),
    tags,
});
const listOrders = handler("list-orders", "[]");
const getOrder = handler("get-order", "{}");
const createOrder = handler("create-order", "{}");

const api = new SecureRestApi("orders", {
    tags,
    authorizer: { cognito: { userPoolArns: [users.arn] } },
    routes: [
        { method: "GET", path: "/orders", handler: listOrders },
        { method: "POST", path: "/orders", handler: createOrder },
        { method: "GET", path: "/orders/{id}", handler: getOrder, apiKeyRequired: true },
    ],
    cors: { allowOrigin: "https://app.example.com" },
    accessLogs: { args: { kmsKey: { args: {} } } },
    domain: { args: { domainName: "orders.example.com", certificate: { args: {} } } },
    usagePlans: [{ name: "partners", apiKeys: ["partner-a"] }],
});

export const url = api.url;
export const partnerKey = api.apiKeys["partner-a"].value;
