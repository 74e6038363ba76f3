/**
 * A secure WebSocket API with Gatehouse's `SecureWebSocketApi`: a Lambda authorizer checks the
 * caller's token on `$connect`, and chat messages (the `sendMessage` action) and disconnects go to
 * one Lambda handler. JSON access logs, INFO execution logging, both throttling values, alarms and
 * permissions scoped per route are the component's defaults. `npm run demo` sends it through the
 * Gatehouse pack: no finding.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SecureWebSocketApi } from "gatehouse-apigw/components";

const tags = { owner: "team-chat", environment: "prod" };

const handlerRole = new aws.iam.Role("chat-handlers", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
});
const code = (body: string) => new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(body) });
const messages = new aws.lambda.Function("chat-messages", {
    runtime: "nodejs20.x", handler: "index.handler", role: handlerRole.arn, tags,
    code: code("exports.handler = async () => ({ statusCode: 200 });"),
});
const authorizer = new aws.lambda.Function("chat-authorizer", {
    runtime: "nodejs20.x", handler: "index.handler", role: handlerRole.arn, tags,
    // A real authorizer verifies the token; this one only shows the shape of the answer.
    code: code("exports.handler = async (event) => ({ principalId: 'user', policyDocument: { Version: '2012-10-17', "
        + "Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: event.methodArn }] } });"),
});

const api = new SecureWebSocketApi("chat", {
    tags,
    authorizer: { lambda: { handler: authorizer } },
    routes: [
        { routeKey: "$disconnect", handler: messages },
        { routeKey: "sendMessage", handler: messages },
    ],
});

export const url = api.url;
export const managementEndpoint = api.managementEndpoint;
