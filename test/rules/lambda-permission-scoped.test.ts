import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "lambda-permission-scoped";
const ARN = "arn:aws:execute-api:us-east-1:123456789012";

function permission(name: string, sourceArn: pulumi.Input<string> | undefined, principal = "apigateway.amazonaws.com") {
    new aws.lambda.Permission(name, { action: "lambda:InvokeFunction", function: "handler", principal, sourceArn });
}

ruleSuite(RULE, [
    {
        name: "Compliance: a method and path, a stage, another service's principal",
        program: () => {
            permission("pass-route", `${ARN}:a1b2c3/*/GET/orders`);
            permission("pass-stage", `${ARN}:a1b2c3/prod/*/*`);
            permission("pass-s3", undefined, "s3.amazonaws.com");
        },
        expect: [],
    },
    { name: "Noncompliance 1: no source ARN", program: () => permission("fail-missing", undefined), expect: [`mandatory ${RULE} fail-missing`] },
    { name: "Noncompliance 2: every stage and method of the API", program: () => permission("fail-all", `${ARN}:a1b2c3/*/*`), expect: [`mandatory ${RULE} fail-all`] },
    { name: "Noncompliance 3: every API of the account", program: () => permission("fail-any-api", `${ARN}:*/prod/GET/orders`), expect: [`mandatory ${RULE} fail-any-api`] },
    { name: "Noncompliance 4: any principal", program: () => permission("fail-star", undefined, "*"), expect: [`mandatory ${RULE} fail-star`] },
    {
        name: "A source ARN built from the API's outputs is checked after apply, advisory during preview",
        program: () => {
            const api = new aws.apigateway.RestApi("api", {});
            permission("decided-at-apply", pulumi.interpolate`${api.executionArn}/*/GET/orders`);
        },
        expect: { up: [], preview: [`advisory ${RULE} decided-at-apply`] },
    },
]);
