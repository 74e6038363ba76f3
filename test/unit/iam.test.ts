import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
    actionMatches, grantsPassRole, isReadOnlyAction, parsePolicyDocument, Statement, trustedServices,
} from "../../policies/engine/iam";
import { UNKNOWN_STRING } from "../../policies/engine/values";

function statements(document: unknown): readonly Statement[] {
    const parsed = parsePolicyDocument(document);
    assert.equal(parsed.kind, "parsed");
    return (parsed as { statements: readonly Statement[] }).statements;
}

describe("IAM documents", () => {
    test("parse from JSON strings and from objects, with single values or lists", () => {
        const fromString = statements(JSON.stringify({ Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } }));
        const fromObject = statements({ Statement: [{ Sid: "A", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["*"] }] });
        assert.deepEqual(fromString[0].actions, ["s3:GetObject"]);
        assert.equal(fromObject[0].sid, "A");
        assert.deepEqual(fromObject[0].resources, ["*"]);
    });

    test("report unknown and malformed documents without quoting them", () => {
        assert.deepEqual(parsePolicyDocument(UNKNOWN_STRING), { kind: "unknown" });
        assert.deepEqual(parsePolicyDocument({ Statement: [{ Effect: "Allow", Action: UNKNOWN_STRING, Resource: "*" }] }), { kind: "unknown" });
        const malformed = parsePolicyDocument('{"Statement": [ {"Effect": "Allow", "Action": "secret-action"');
        assert.equal(malformed.kind, "malformed");
        assert.ok(!JSON.stringify(malformed).includes("secret-action"));
        assert.equal(parsePolicyDocument({ Statement: [{ Effect: "Maybe", Action: "*", Resource: "*" }] }).kind, "malformed");
        assert.equal(parsePolicyDocument({ Statement: [{ Effect: "Allow", Action: 42, Resource: "*" }] }).kind, "malformed");
    });

    test("NotAction and NotResource are recorded", () => {
        const [statement] = statements({ Statement: [{ Effect: "Allow", NotAction: "iam:*", NotResource: "arn:aws:s3:::b" }] });
        assert.ok(statement.notAction);
        assert.ok(statement.notResource);
    });

    test("action matching is case-insensitive with wildcards", () => {
        assert.ok(actionMatches("s3:Get*", "s3:getobject"));
        assert.ok(actionMatches("iam:Pass?ole", "iam:PassRole"));
        assert.ok(!actionMatches("s3:Get*", "s3:PutObject"));
    });

    test("read-only actions are told from writes, wildcards counting as writes", () => {
        for (const action of ["s3:GetObject", "dynamodb:Query", "logs:DescribeLogGroups", "s3:List*"]) {
            assert.ok(isReadOnlyAction(action), action);
        }
        for (const action of ["s3:PutObject", "s3:*", "logs:PutLogEvents", "*", "iam:PassRole"]) {
            assert.ok(!isReadOnlyAction(action), action);
        }
    });

    test("iam:PassRole is granted by explicit, wildcard and NotAction statements", () => {
        const grants = (statement: object) => grantsPassRole(statements({ Statement: [{ Effect: "Allow", Resource: "*", ...statement }] })[0]);
        assert.ok(grants({ Action: "iam:PassRole" }));
        assert.ok(grants({ Action: "iam:*" }));
        assert.ok(grants({ NotAction: "s3:*" }));
        assert.ok(!grants({ NotAction: "iam:*" }));
        assert.ok(!grants({ Action: "iam:GetRole" }));
    });

    test("trusted services are read from trust policies", () => {
        const trust = parsePolicyDocument({
            Statement: [{ Effect: "Allow", Principal: { Service: ["apigateway.amazonaws.com", "lambda.amazonaws.com"] }, Action: "sts:AssumeRole" }],
        });
        assert.deepEqual(trustedServices(trust), ["apigateway.amazonaws.com", "lambda.amazonaws.com"]);
        assert.deepEqual(trustedServices(parsePolicyDocument(UNKNOWN_STRING)), []);
    });
});
