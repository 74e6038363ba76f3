/**
 * APIs defined by OpenAPI bodies, through the Terraform front ends: HCL (templatefile, jsonencode
 * with references, file), Terraform JSON configuration, and a real offline plan of the same module.
 * Findings land on the API, name the operation, point into the document, and (HCL) at the line
 * of the `body` attribute.
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { catalog } from "../../policies/catalog";
import { scanConfiguration } from "../../policies/scan/config";
import { scanPaths, ScanOutcome } from "../../policies/scan/scan";
import { offlineTerraform } from "../helpers/terraform";

const FIXTURES = path.resolve(__dirname, "../../../test/fixtures/terraform-openapi");
const DEFAULTS = scanConfiguration(catalog, undefined, "defaults");
const ROUTE_RULES = new Set(["rest-method-authorization", "v2-route-authorization", "authorizer-cache-ttl", "jwt-authorizer-configuration", "cors-allowed-origins", "rest-api-resource-policy", "rest-request-validation"]);

function summary(outcome: ScanOutcome): string[] {
    return outcome.findings.filter((finding) => ROUTE_RULES.has(finding.ruleId))
        .map((finding) => `${finding.kind} ${finding.ruleId} ${finding.resource?.id}${finding.endpoint ? ` ${finding.endpoint}` : ""} ${finding.path}`)
        .sort();
}

/** What the failing module's documents get wrong, as every front end that can read them must report it. */
const FAILING = [
    "violation authorizer-cache-ttl aws_api_gateway_rest_api.legacy body#/securityDefinitions/token-check/x-amazon-apigateway-authorizer/authorizerResultTtlInSeconds",
    "violation authorizer-cache-ttl aws_api_gateway_rest_api.orders body#/components/securitySchemes/token-check/x-amazon-apigateway-authorizer/authorizerResultTtlInSeconds",
    "violation cors-allowed-origins aws_apigatewayv2_api.catalog body#/x-amazon-apigateway-cors/allowOrigins",
    "violation jwt-authorizer-configuration aws_apigatewayv2_api.catalog body#/components/securitySchemes/jwt/x-amazon-apigateway-authorizer/jwtConfiguration/audience",
    "violation rest-api-resource-policy aws_api_gateway_rest_api.legacy body#/x-amazon-apigateway-policy",
    "violation rest-api-resource-policy aws_api_gateway_rest_api.orders body#/x-amazon-apigateway-policy",
    "violation rest-method-authorization aws_api_gateway_rest_api.inline POST /submit body#/paths/~1submit/post",
    "violation rest-method-authorization aws_api_gateway_rest_api.legacy GET /health body#/paths/~1health/get/security",
    "violation rest-method-authorization aws_api_gateway_rest_api.legacy POST /orders body#/paths/~1orders/post/security",
    "violation rest-method-authorization aws_api_gateway_rest_api.legacy POST /submit body#/paths/~1submit/post",
    "violation rest-method-authorization aws_api_gateway_rest_api.orders GET /health body#/paths/~1health/get/security",
    "violation rest-method-authorization aws_api_gateway_rest_api.orders POST /orders body#/paths/~1orders/post/security",
    "violation rest-method-authorization aws_api_gateway_rest_api.orders POST /submit body#/paths/~1submit/post",
    "violation rest-request-validation aws_api_gateway_rest_api.inline POST /submit body#/paths/~1submit/post",
    "violation rest-request-validation aws_api_gateway_rest_api.legacy POST /orders body#/x-amazon-apigateway-request-validators/params-only/validateRequestBody",
    "violation rest-request-validation aws_api_gateway_rest_api.orders POST /orders body#/x-amazon-apigateway-request-validators/params-only/validateRequestBody",
    "violation v2-route-authorization aws_apigatewayv2_api.catalog POST /submit body#/paths/~1submit/post",
    "violation v2-route-authorization aws_apigatewayv2_api.chat protocolType",
    "violation v2-route-authorization aws_apigatewayv2_api.quick $default target",
];

/** The stages nothing describes: a deployment's stage_name, quick create's $default. */
const IMPLICIT_STAGE_LOGGING = [
    "violation stage-access-logging aws_api_gateway_deployment.legacy stageName",
    "violation stage-access-logging aws_apigatewayv2_api.quick target",
];

function stageLogging(outcome: ScanOutcome): string[] {
    return outcome.findings.filter((finding) => finding.ruleId === "stage-access-logging")
        .map((finding) => `${finding.kind} ${finding.ruleId} ${finding.resource?.id} ${finding.path}`).sort();
}

describe("OpenAPI bodies in HCL", () => {
    test("Noncompliance: templatefile (YAML), jsonencode with a reference, file (OpenAPI 3 and Swagger 2 JSON), quick create, an implicit stage and a WebSocket API without $connect", async () => {
        const outcome = await scanPaths([path.join(FIXTURES, "failing")], catalog, DEFAULTS, "mandatory", { endpoints: true });
        assert.deepEqual(summary(outcome), FAILING);
        assert.deepEqual(stageLogging(outcome), IMPLICIT_STAGE_LOGGING);
        const submit = outcome.findings.find((finding) => finding.endpoint === "POST /submit" && finding.resource?.id === "aws_api_gateway_rest_api.orders")!;
        assert.equal(submit.message, "OpenAPI operation POST /submit: method POST has authorization NONE: anyone can call it");
        // The line of `body = templatefile(...)`, not of the resource header.
        const source = readFileSync(path.join(FIXTURES, "failing", "main.tf"), "utf8").split("\n");
        assert.match(source[submit.resource!.origin.line! - 1], /^resource "aws_api_gateway_rest_api" "orders"/);
        const bodyLine = source.findIndex((line, index) => index > submit.resource!.origin.line! && /^\s+body\s*=\s*templatefile/.test(line)) + 1;
        const report = JSON.parse((await import("../../policies/scan/formats/json")).renderJson(outcome, "test"));
        const reported = report.findings.find((finding: any) => finding.endpoint === "POST /submit" && finding.resource.address === "aws_api_gateway_rest_api.orders");
        assert.equal(reported.line, bodyLine);
    });

    test("Compliance: the compliant twin has no route finding", async () => {
        const outcome = await scanPaths([path.join(FIXTURES, "passing")], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(summary(outcome), []);
        assert.deepEqual(stageLogging(outcome), []);
    });

    test("A file() that does not exist is an input error naming the file, resource and attribute", async () => {
        const folder = mkdtempSync(path.join(os.tmpdir(), "gatehouse-openapi-"));
        writeFileSync(path.join(folder, "main.tf"), 'resource "aws_api_gateway_rest_api" "missing" {\n  name = "missing"\n  body = file("${path.module}/nowhere.yaml")\n}\n');
        const outcome = await scanPaths([folder], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(outcome.inputErrors.map((error) => error.message),
            [`${path.join(folder, "main.tf")}: resource aws_api_gateway_rest_api.missing: body reads ${JSON.stringify(`${folder}/nowhere.yaml`)}, which does not exist`]);
    });
});

describe("OpenAPI bodies in Terraform JSON configuration", () => {
    test("Noncompliance: ${file(...)} and ${jsonencode(...)} in a .tf.json module", async () => {
        const folder = mkdtempSync(path.join(os.tmpdir(), "gatehouse-openapi-json-"));
        cpSync(path.join(FIXTURES, "failing", "catalog.json"), path.join(folder, "catalog.json"));
        writeFileSync(path.join(folder, "main.tf.json"), JSON.stringify({
            resource: {
                aws_apigatewayv2_api: { catalog: { name: "catalog", protocol_type: "HTTP", body: "${file(\"${path.module}/catalog.json\")}" } },
                aws_api_gateway_rest_api: {
                    inline: { name: "inline", body: "${jsonencode({ openapi = \"3.0.1\", paths = { \"/submit\" = { post = { \"x-amazon-apigateway-integration\" = { type = \"aws_proxy\", uri = aws_lambda_function.f.invoke_arn } } } } })}" },
                },
            },
        }));
        const outcome = await scanPaths([folder], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(summary(outcome), [
            "violation cors-allowed-origins aws_apigatewayv2_api.catalog body#/x-amazon-apigateway-cors/allowOrigins",
            "violation jwt-authorizer-configuration aws_apigatewayv2_api.catalog body#/components/securitySchemes/jwt/x-amazon-apigateway-authorizer/jwtConfiguration/audience",
            "violation rest-method-authorization aws_api_gateway_rest_api.inline POST /submit body#/paths/~1submit/post",
            "violation rest-request-validation aws_api_gateway_rest_api.inline POST /submit body#/paths/~1submit/post",
            "violation v2-route-authorization aws_apigatewayv2_api.catalog POST /submit body#/paths/~1submit/post",
        ]);
    });
});

describe("OpenAPI bodies in a Terraform plan", () => {
    const terraform = offlineTerraform();
    const skip = typeof terraform === "string" ? terraform : false;
    /** The plan on its own, away from the .tf files it was made from. */
    const alone = (plan: string) => {
        const copy = path.join(mkdtempSync(path.join(os.tmpdir(), "gatehouse-plan-alone-")), "plan.json");
        cpSync(plan, copy);
        return copy;
    };
    test("Noncompliance: the plan holds the rendered documents; with its source, the one built from an unknown ARN is decided on its known parts, as in HCL", { skip }, async () => {
        if (typeof terraform === "string") {
            return;
        }
        const plan = terraform.plan(terraform.init(path.join(FIXTURES, "failing")));
        const outcome = await scanPaths([plan], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(stageLogging(outcome), IMPLICIT_STAGE_LOGGING);
        assert.deepEqual(summary(outcome), FAILING);
        // Alone, the plan has that document as unknown (a new user pool's ARN is in it): it cannot be verified.
        assert.deepEqual(summary(await scanPaths([alone(plan)], catalog, DEFAULTS, "mandatory")), [
            ...FAILING.filter((line) => !line.includes("aws_api_gateway_rest_api.inline")),
            ...BODY_UNKNOWN,
        ].sort());
    });
    test("Compliance: the compliant twin's plan", { skip }, async () => {
        if (typeof terraform === "string") {
            return;
        }
        const plan = terraform.plan(terraform.init(path.join(FIXTURES, "passing")));
        assert.deepEqual(summary(await scanPaths([plan], catalog, DEFAULTS, "mandatory")), []);
        assert.deepEqual(summary(await scanPaths([alone(plan)], catalog, DEFAULTS, "mandatory")), BODY_UNKNOWN);
    });
});

/** What a REST body unknown in the plan gives: every rule about what it can define says it cannot see it. */
const BODY_UNKNOWN = [
    "unverifiable authorizer-cache-ttl aws_api_gateway_rest_api.inline body",
    "unverifiable cors-allowed-origins aws_api_gateway_rest_api.inline body",
    "unverifiable rest-api-resource-policy aws_api_gateway_rest_api.inline body",
    "unverifiable rest-method-authorization aws_api_gateway_rest_api.inline body",
    "unverifiable rest-request-validation aws_api_gateway_rest_api.inline body",
];

describe("OpenAPI bodies in Pulumi state", () => {
    test("Noncompliance: a stack export's RestApi body is read like any other front end's", async () => {
        const { restDocument, asJson } = await import("../fixtures/openapi");
        const folder = mkdtempSync(path.join(os.tmpdir(), "gatehouse-openapi-state-"));
        const urn = "urn:pulumi:prod::orders::aws:apigateway/restApi:RestApi::orders";
        const body = asJson(restDocument("openapi3", false));
        writeFileSync(path.join(folder, "stack.json"), JSON.stringify({
            version: 3,
            deployment: {
                manifest: { time: "2026-12-01T00:00:00Z", magic: "x", version: "v3.248.0" },
                resources: [{ urn, custom: true, id: "a1b2c3", type: "aws:apigateway/restApi:RestApi", inputs: { body, name: "orders" }, outputs: { body, name: "orders", id: "a1b2c3" } }],
            },
        }));
        const outcome = await scanPaths([path.join(folder, "stack.json")], catalog, DEFAULTS, "mandatory");
        const lines = summary(outcome).filter((line) => line.includes("rest-method-authorization"));
        assert.deepEqual(lines, [
            `violation rest-method-authorization ${urn} GET /health body#/paths/~1health/get/security`,
            `violation rest-method-authorization ${urn} POST /orders body#/paths/~1orders/post/security`,
            `violation rest-method-authorization ${urn} POST /submit body#/paths/~1submit/post`,
        ]);
    });
});
