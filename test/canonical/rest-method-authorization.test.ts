import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { resource, ruleTester } from "../helpers/rule-tester";
import { openApiRest, unknownBodyRest } from "./fixtures";

const rule = catalog.find((candidate) => candidate.id === "rest-method-authorization")!;
const NONE_SUBMIT = "OpenAPI operation POST /submit: method POST has authorization NONE: anyone can call it";
const NONE_HEALTH = "OpenAPI operation GET /health: method GET has authorization NONE: anyone can call it";
const KEY_ONLY = "OpenAPI operation POST /orders: method POST requires only an API key, which identifies a client but does not authorize the caller";

ruleTester(rule, {
    valid: [
        { name: "Compliance: every OpenAPI 3 operation names an authorizer (the OPTIONS preflight is a MOCK)", resources: [openApiRest("pass-oas3", "openapi3", true)] },
        { name: "Compliance: the same API in Swagger 2, as YAML", resources: [openApiRest("pass-swagger", "swagger2", true, "yaml")] },
        {
            name: "Compliance: public operations listed in publicRoutes",
            resources: [openApiRest("public-ok", "openapi3", false)],
            config: { publicRoutes: ["POST /submit", "GET /health", "POST /orders"] },
        },
    ],
    invalid: [
        {
            name: "Noncompliance 1: OpenAPI 3 operations without security, opted out with [], or with only an API key",
            resources: [openApiRest("fail-oas3", "openapi3", false)],
            errors: [
                { resource: "fail-oas3", path: "body#/paths/~1submit/post", message: NONE_SUBMIT, endpoint: "POST /submit" },
                { resource: "fail-oas3", path: "body#/paths/~1health/get/security", message: NONE_HEALTH, endpoint: "GET /health" },
                { resource: "fail-oas3", path: "body#/paths/~1orders/post/security", message: KEY_ONLY, endpoint: "POST /orders" },
            ],
        },
        {
            name: "Noncompliance 2: the same in Swagger 2 YAML",
            resources: [openApiRest("fail-swagger", "swagger2", false, "yaml")],
            errors: [
                { resource: "fail-swagger", path: "body#/paths/~1submit/post", message: NONE_SUBMIT, endpoint: "POST /submit" },
                { resource: "fail-swagger", path: "body#/paths/~1health/get/security", message: NONE_HEALTH, endpoint: "GET /health" },
                { resource: "fail-swagger", path: "body#/paths/~1orders/post/security", message: KEY_ONLY, endpoint: "POST /orders" },
            ],
        },
        {
            name: "Noncompliance 3: a document-wide security requirement applies unless an operation overrides it",
            resources: [resource(T.RestApi, "root-security", {
                body: JSON.stringify({
                    openapi: "3.0.1",
                    security: [{ sigv4: [] }],
                    components: { securitySchemes: { sigv4: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" } } },
                    paths: { "/a": { get: {} }, "/b": { get: { security: [] } }, "/c": { get: { security: [{ undefinedScheme: [] }] } } },
                }),
            })],
            errors: [
                { resource: "root-security", path: "body#/paths/~1b/get/security", message: "OpenAPI operation GET /b: method GET has authorization NONE: anyone can call it", endpoint: "GET /b" },
                { resource: "root-security", path: "body#/paths/~1c/get/security", message: "OpenAPI operation GET /c: method GET has authorization NONE: anyone can call it", endpoint: "GET /c" },
            ],
        },
        {
            name: "Noncompliance 4: a body unknown during preview cannot be verified, never passes",
            resources: [unknownBodyRest("later")],
            errors: [{ resource: "later", path: "body", kind: "unverifiable", message: "cannot be verified until apply: the OpenAPI body is not known during preview" }],
        },
        {
            name: "Noncompliance 5: a body that does not parse is reported, without quoting it",
            resources: [resource(T.RestApi, "broken", { body: "{\"openapi\": \"3.0.1\", \"paths\": {\"/x\": {\"get\": {\"description\": \"hunter2\"}}" })],
            errors: [{ resource: "broken", path: "body", kind: "unverifiable", message: "cannot be verified: the OpenAPI body is not valid JSON at line 1, column 73" }],
        },
        {
            name: "Noncompliance 6: a template variable unknown until apply, inside the security requirement",
            resources: [resource(T.RestApi, "templated", {
                body: JSON.stringify({ openapi: "3.0.1", paths: { "/a": { get: { security: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } } } }),
            })],
            errors: [{ resource: "templated", path: "body#/paths/~1a/get/security", kind: "unverifiable", endpoint: "GET /a", message: "cannot be verified until apply: OpenAPI operation GET /a: authorization is not known during preview" }],
        },
    ],
});
