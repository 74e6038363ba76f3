/**
 * A secure HTTP API with Gatehouse's `SecureHttpApi`: Lambda handlers behind a JWT authorizer
 * (your identity provider's issuer and audience), CORS for one web origin, and a custom domain
 * with TLS 1.2. Access logs, both throttling values, alarms and scoped Lambda permissions are the
 * component's defaults. `npm run demo` sends it through the Gatehouse pack: no finding.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SecureHttpApi } from "gatehouse-apigw/components";

const tags = { owner: "team-catalog", environment: "prod" };

const handlerRole = new aws.iam.Role("catalog-handlers", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
});
const catalog = new aws.lambda.Function("catalog", {
    runtime: "nodejs20.x",
    handler: "index.handler",
    role: handlerRole.arn,
    code: new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ statusCode: 200, body: '[]' });"),
    }),
    tags,
});

const api = new SecureHttpApi("catalog", {
    tags,
    authorizer: { jwt: { issuer: "https://auth.example.com/", audiences: ["catalog-api"] } },
    routes: [
        { method: "GET", path: "/items", handler: catalog },
        { method: "GET", path: "/items/{id}", handler: catalog },
        { method: "POST", path: "/items", handler: catalog, authorizationScopes: ["catalog/write"] },
    ],
    cors: { allowOrigins: ["https://app.example.com"] },
    domain: { args: { domainName: "catalog.example.com", certificate: { args: {} } } },
});

export const url = api.url;
