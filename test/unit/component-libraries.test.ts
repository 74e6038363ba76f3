/**
 * Findings on resources a component library created: the fix names the library's argument, the
 * route field, the output to build around, or the `transforms` hook or waiver — never an input the
 * library does not take — and a child with a generated name is named by what it serves.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { catalog } from "../../policies/catalog";
import { componentFix } from "../../policies/engine/component-libraries";
import { settingsFor } from "../../policies/engine/config";
import { Evaluator, NO_WAIVERS, Result } from "../../policies/engine/evaluate";
import { makeResource } from "../../policies/engine/resource";
import { isGeneratedName } from "../../policies/engine/served";
import { T } from "../../policies/engine/types";
import { awsxClassicApi, AWS_APIGATEWAY_REST_API, serverlessTemplate } from "../fixtures/component-libraries";
import { canonicalProgram } from "../helpers/canonical-stack";
import type { Mode } from "../../testing/program";

const evaluator = new Evaluator(catalog);

async function findings(program: () => void, mode: Mode): Promise<Result[]> {
    const resources = await canonicalProgram(program, mode);
    return evaluator.evaluateAll(resources, { settings: (rule) => settingsFor(rule, undefined), waivers: NO_WAIVERS });
}

const described = (results: readonly Result[]) => results
    .filter((result) => result.kind === "violation")
    .map((result) => `${result.ruleId} ${result.resource!.name}: ${result.message} | fix: ${result.fix ?? "(none)"}`)
    .sort();

const RESTAPI = "@pulumi/aws-apigateway RestAPI";
const transformsOrWaiver = (what: string, type: string, rule: string) =>
    `${RESTAPI} has no argument for ${what}: set it with a \`transforms\` resource option on the component (matching \`${type}\`), or waive ${rule} with a reason`;
const aroundStage = `${RESTAPI} does not create it: add what the rule's remediation describes next to the component, for the Stage the component exposes as its \`stage\` output`;

describe("fix texts for component-library children", () => {
    test("Noncompliance 1: the serverless template (@pulumi/aws-apigateway RestAPI): every violation says how to fix it in the library's terms (up)", async () => {
        assert.deepEqual(described(await findings(serverlessTemplate, "up")), [
            `api-gateway-role-least-privilege api3454b704: managed policy AmazonS3FullAccess is attached to role api3454b704, which API Gateway assumes for the integration of OpenAPI operation GET / of api | fix: ${transformsOrWaiver("the RolePolicyAttachment's `policyArn`", T.IamRolePolicyAttachment, "api-gateway-role-least-privilege")}`,
            `endpoint-type-allowed api: no endpoint type is set, so it is EDGE; allowed: REGIONAL, PRIVATE | fix: ${transformsOrWaiver("the RestApi's `endpointConfiguration`", T.RestApi, "endpoint-type-allowed")}`,
            `required-tags api: the API has no owner, environment tag | fix: set it with the \`tags\` argument of ${RESTAPI}`,
            `rest-execution-logging api: no MethodSettings with methodPath */* applies to this stage, so execution logging and metrics are off | fix: ${aroundStage}`,
            `rest-method-authorization api: OpenAPI operation GET /: method GET has authorization NONE: anyone can call it | fix: set \`authorizers\` (a Lambda or Cognito authorizer) or \`iamAuthEnabled: true\` on the GET / route in the \`routes\` argument of ${RESTAPI}`,
            `rest-method-authorization api: OpenAPI operation GET /date: method GET has authorization NONE: anyone can call it | fix: set \`authorizers\` (a Lambda or Cognito authorizer) or \`iamAuthEnabled: true\` on the GET /date route in the \`routes\` argument of ${RESTAPI}`,
            `rest-stage-waf api: no AWS WAF web ACL is associated with this stage of a public REST API | fix: ${aroundStage}`,
            `rest-stage-xray api: X-Ray tracing is off for the stage | fix: ${transformsOrWaiver("the Stage's `xrayTracingEnabled`", T.Stage, "rest-stage-xray")}`,
            `stage-access-logging api: the stage has no access logging | fix: ${transformsOrWaiver("the Stage's `accessLogSettings`", T.Stage, "stage-access-logging")}`,
            `stage-alarms api: the stage has no alarm on 5XXError, 4XXError, Latency | fix: ${aroundStage}`,
            `stage-throttling api: no MethodSettings with methodPath */* applies to this stage, so it sets no throttling | fix: ${aroundStage}`,
        ]);
    });

    test("Noncompliance 2: the library's Lambda permission, named by a hash, is named by the function it serves (preview)", async () => {
        const permission = (await findings(serverlessTemplate, "preview")).filter((result) => result.ruleId === "lambda-permission-scoped");
        assert.deepEqual(permission.map((result) => [result.resource!.name, result.kind, result.message]), [[
            "api-7d810aea", "unverifiable",
            "cannot be verified until apply: the permission for function fn: the source ARN, whose stage, method and path decide the scope, is not known during preview",
        ]]);
        // Only violations carry a fix: a notice is not something to fix yet.
        assert.equal(permission[0].fix, undefined);
    });

    test("Noncompliance 3: awsx's classic API: settings it passes on are named by its restApiArgs and stageArgs (up)", async () => {
        const results = described(await findings(awsxClassicApi, "up")).filter((line) => /^(endpoint-type-allowed|rest-stage-xray|stage-access-logging|lambda-permission-scoped|rest-request-validation) /.test(line));
        const API = "@pulumi/awsx classic apigateway.API";
        assert.deepEqual(results, [
            `endpoint-type-allowed orders: no endpoint type is set, so it is EDGE; allowed: REGIONAL, PRIVATE | fix: set it with the \`restApiArgs.endpointConfiguration\` argument of ${API}`,
            `lambda-permission-scoped orders-2f6a8b1c: the permission for function orders: the source ARN undefined*/POST/orders is not an execute-api ARN | fix: ${API} has no argument for the Permission's \`sourceArn\`: set it with a \`transforms\` resource option on the component (matching \`${T.LambdaPermission}\`), or waive lambda-permission-scoped with a reason`,
            `rest-request-validation orders: OpenAPI operation POST /orders: method POST validates no request | fix: set \`requestValidator\` and \`requiredParameters\` on the POST /orders route in the \`routes\` argument of ${API}`,
            `rest-stage-xray orders: X-Ray tracing is off for the stage | fix: set it with the \`stageArgs.xrayTracingEnabled\` argument of ${API}`,
            `stage-access-logging orders: the stage has no access logging | fix: set it with the \`stageArgs.accessLogSettings\` argument of ${API}`,
        ]);
    });

    test("Compliance: resources the user declared get the rule's own remediation, not a library's", async () => {
        const results = await findings(() => {
            new aws.apigateway.RestApi("mine", { body: JSON.stringify({ openapi: "3.0.1", info: { title: "t", version: "1" }, paths: {} }) });
            // A user's own component is not a library Gatehouse knows: its arguments are the user's.
            const own = new pulumi.ComponentResource("acme:index:Api", "wrapped", {}, {});
            new aws.apigateway.RestApi("wrapped", { body: JSON.stringify({ openapi: "3.0.1", info: { title: "t", version: "1" }, paths: {} }) }, { parent: own });
        }, "up");
        assert.ok(results.some((result) => result.ruleId === "endpoint-type-allowed" && result.resource!.name === "wrapped"));
        assert.deepEqual(results.filter((result) => result.fix !== undefined), []);
    });

    test("a library's grandchild is the library's too; a Terraform address is no component's child", () => {
        const urn = `urn:pulumi:dev::shop::${AWS_APIGATEWAY_REST_API}$aws:lambda:CallbackFunction$aws:iam/role:Role::api-auth`;
        const role = makeResource({ type: T.IamRole, name: "api-auth", id: urn, props: {}, refs: {}, origin: { frontEnd: "pulumi" }, parent: `urn:pulumi:dev::shop::${AWS_APIGATEWAY_REST_API}$aws:lambda:CallbackFunction::api-auth` });
        assert.equal(componentFix({ ruleId: "api-gateway-role-least-privilege", resource: role, path: "inlinePolicies.0.policy" }),
            "@pulumi/aws-apigateway RestAPI has no argument for the Role's `inlinePolicies`: set it with a `transforms` resource option on the component (matching `aws:iam/role:Role`), or waive api-gateway-role-least-privilege with a reason");
        const terraform = makeResource({ type: T.IamRole, name: "r", id: "module.api.aws_iam_role.r", props: {}, refs: {}, origin: { frontEnd: "terraform-plan" } });
        assert.equal(componentFix({ ruleId: "api-gateway-role-least-privilege", resource: terraform, path: "inlinePolicies" }), undefined);
    });

    test("generated names are a name and eight hex digits of a hash, not dates or words", () => {
        assert.deepEqual(["api-7d810aea", "api3454b704", "orders_0c2f9e1b", "handler-deadbeef", "backup-20241201", "7d810aea", "api-7d810aeaa"].map(isGeneratedName),
            [true, true, true, false, false, false, false]);
    });
});
