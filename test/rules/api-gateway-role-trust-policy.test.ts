import * as aws from "@pulumi/aws";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "api-gateway-role-trust-policy";
const trust = (principal: object, extra: object = {}) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...extra }] });

ruleSuite(RULE, [
    {
        name: "Compliance: API Gateway alone, with or without a source condition; roles API Gateway never uses",
        program: () => {
            new aws.iam.Role("pass-service", { assumeRolePolicy: trust({ Service: "apigateway.amazonaws.com" }) });
            new aws.iam.Role("pass-condition", { assumeRolePolicy: trust({ Service: "apigateway.amazonaws.com" }, { Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } }) });
            new aws.iam.Role("pass-other", { assumeRolePolicy: trust({ AWS: "arn:aws:iam::111122223333:root" }) });
        },
        expect: [],
    },
    {
        name: "Noncompliance 1: API Gateway and Lambda share the role",
        program: () => new aws.iam.Role("fail-shared", { assumeRolePolicy: trust({ Service: ["apigateway.amazonaws.com", "lambda.amazonaws.com"] }) }),
        expect: [`mandatory ${RULE} fail-shared`],
    },
    {
        name: "Noncompliance 2: another account may assume the account's CloudWatch role",
        program: () => {
            const role = new aws.iam.Role("fail-account", { assumeRolePolicy: trust({ AWS: "arn:aws:iam::111122223333:root" }) });
            new aws.apigateway.Account("account", { cloudwatchRoleArn: role.arn });
        },
        expect: [`mandatory ${RULE} fail-account`],
    },
]);
