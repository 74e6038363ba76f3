import * as aws from "@pulumi/aws";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "rest-api-resource-policy";
const doc = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: "execute-api:/*", ...statement }] });

ruleSuite(RULE, [
    {
        name: "Compliance: everyone through a VPC endpoint, named accounts, and an explicit Deny to everyone",
        program: () => {
            new aws.apigateway.RestApi("pass-vpce", { endpointConfiguration: { types: "PRIVATE" }, policy: doc({ Principal: "*", Condition: { StringEquals: { "aws:SourceVpce": "vpce-1234" } } }) });
            const api = new aws.apigateway.RestApi("pass-accounts", {});
            new aws.apigateway.RestApiPolicy("pass-accounts", { restApiId: api.id, policy: doc({ Principal: { AWS: ["arn:aws:iam::111122223333:root"] } }) });
            new aws.apigateway.RestApi("pass-deny", {
                policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" }] }),
            });
        },
        expect: [],
    },
    {
        name: "Noncompliance 1: Principal * without a condition on the API",
        program: () => new aws.apigateway.RestApi("fail-open", { policy: doc({ Principal: "*" }) }),
        expect: [`mandatory ${RULE} fail-open`],
    },
    {
        name: "Noncompliance 2: Principal { AWS: * } without a condition in a RestApiPolicy",
        program: () => {
            const api = new aws.apigateway.RestApi("base", {});
            new aws.apigateway.RestApiPolicy("fail-aws-star", { restApiId: api.id, policy: doc({ Principal: { AWS: "*" } }) });
        },
        expect: [`mandatory ${RULE} fail-aws-star`],
    },
    {
        name: "A policy that is not valid JSON cannot be verified, and says so",
        program: () => new aws.apigateway.RestApi("broken", { policy: "{\"Statement\": [" }),
        expect: [`advisory ${RULE} broken`],
    },
]);
