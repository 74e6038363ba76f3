import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "api-gateway-role-trust-policy")!;
const trust = (principal: object, extra: object = {}) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...extra }] });

ruleTester(rule, {
    valid: [{
        name: "Compliance: API Gateway alone, with or without a source condition; roles API Gateway never uses",
        resources: (stack: CanonicalStack) => {
            stack.add(T.IamRole, "pass-service", { assumeRolePolicy: trust({ Service: "apigateway.amazonaws.com" }) });
            stack.add(T.IamRole, "pass-condition", { assumeRolePolicy: trust({ Service: "apigateway.amazonaws.com" }, { Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } }) });
            stack.add(T.IamRole, "pass-other", { assumeRolePolicy: trust({ AWS: "arn:aws:iam::111122223333:root" }) });
        },
    }],
    invalid: [
        {
            name: "Noncompliance 1: API Gateway and Lambda share the role",
            resources: (stack: CanonicalStack) => stack.add(T.IamRole, "fail-shared", { assumeRolePolicy: trust({ Service: ["apigateway.amazonaws.com", "lambda.amazonaws.com"] }) }),
            errors: [{ resource: "fail-shared", path: "assumeRolePolicy", message: "statement 1 of the trust policy also lets Service:lambda.amazonaws.com assume role fail-shared, which API Gateway assumes" }],
        },
        {
            name: "Noncompliance 2: another account may assume the account's CloudWatch role",
            resources: (stack: CanonicalStack) => {
                const role = stack.add(T.IamRole, "fail-account", { name: "fail-account", assumeRolePolicy: trust({ AWS: "arn:aws:iam::111122223333:root" }) });
                stack.add(T.Account, "account", { cloudwatchRoleArn: role.out("arn") });
            },
            errors: [{ resource: "fail-account", path: "assumeRolePolicy", message: "statement 1 of the trust policy also lets AWS:arn:aws:iam::111122223333:root assume role fail-account, which API Gateway assumes" }],
        },
    ],
});
