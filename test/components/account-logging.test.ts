import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ApiGatewayAccountLogging } from "../../components/account-logging";
import { baseline } from "../../components/baseline";
import { record } from "../helpers/components";
import { classify, MODES, usePack } from "../helpers/pack";

describe("ApiGatewayAccountLogging", () => {
    test("a role trusted by API Gateway only, holding only the push-to-CloudWatch policy, both retained on delete", async () => {
        const { one } = await record(() => new ApiGatewayAccountLogging("apigateway-logging"));
        const role = one("aws:iam/role:Role");
        assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicy).Statement,
            [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }]);
        assert.deepEqual(role.inputs.managedPolicyArns, [baseline.cloudWatchRolePolicyArn]);
        assert.equal(role.inputs.inlinePolicies, undefined);
        const account = one("aws:apigateway/account:Account");
        assert.equal(account.inputs.cloudwatchRoleArn, role.outputs.arn);
        assert.deepEqual([role.options?.retainOnDelete, account.options?.retainOnDelete], [true, true]);
    });

    const pack = usePack();
    for (const mode of MODES) {
        test(`passes the pack (${mode})`, async () => {
            const run = await pack.run(() => { new ApiGatewayAccountLogging("apigateway-logging"); }, mode);
            assert.deepEqual(classify(run.diagnostics), { violations: [], unverifiable: [], waived: [] });
        });
    }
});
