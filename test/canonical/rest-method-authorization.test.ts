import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { resource, ruleTester } from "../helpers/rule-tester";
import { restApi } from "./builders";
import { openApiRest, unknownBodyRest } from "./fixtures";
import { CanonicalStack, Later } from "./stack";

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
            errors: [{ resource: "broken", path: "body", kind: "unverifiable", message: "cannot be verified: the OpenAPI body is not valid JSON at line 1, column 73 (the text ends early)" }],
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

ruleTester(rule, {
    valid: [
        {
            name: "Compliance: IAM, Cognito and Lambda authorizers; a CORS preflight without authorization",
            resources: (stack: CanonicalStack) => {
                restApi(stack, "pass-iam", { methods: [{ httpMethod: "GET", authorization: "AWS_IAM" }] });
                restApi(stack, "pass-cognito", { methods: [{ httpMethod: "POST", authorization: "COGNITO_USER_POOLS", apiKeyRequired: true }] });
                restApi(stack, "pass-cors", { methods: [{ httpMethod: "PUT", authorization: "CUSTOM" }], cors: true });
            },
        },
        {
            name: "Compliance: a disabled rule reports nothing",
            resources: (stack: CanonicalStack) => restApi(stack, "fail-open", { methods: [{ httpMethod: "DELETE", authorization: "NONE" }] }),
            config: { enforcementLevel: "disabled" },
        },
    ],
    invalid: [
        {
            name: "Noncompliance 1: authorization NONE",
            resources: (stack: CanonicalStack) => restApi(stack, "fail-open", { methods: [{ httpMethod: "POST", authorization: "NONE" }] }),
            errors: [{ resource: "fail-open-POST", path: "authorization", message: "method POST has authorization NONE: anyone can call it" }],
        },
        {
            name: "Noncompliance 2: an API key alone is not authorization",
            resources: (stack: CanonicalStack) => restApi(stack, "fail-key", { methods: [{ httpMethod: "GET", authorization: "NONE", apiKeyRequired: true }] }),
            errors: [{ resource: "fail-key-GET", path: "authorization", message: "method GET requires only an API key, which identifies a client but does not authorize the caller" }],
        },
        {
            name: "Noncompliance 3: OPTIONS without authorization when preflight is not exempted by configuration",
            resources: (stack: CanonicalStack) => restApi(stack, "fail-preflight", { cors: true }),
            config: { allowCorsPreflight: false },
            errors: [{ resource: "fail-preflight-OPTIONS", path: "authorization", message: "method OPTIONS has authorization NONE and is not a MOCK CORS preflight: its integration runs for anyone" }],
        },
        {
            name: "Noncompliance 4: an OPTIONS method whose integration is not a MOCK runs its backend for anyone",
            resources: (stack: CanonicalStack) => restApi(stack, "fail-options", { methods: [{ httpMethod: "OPTIONS", authorization: "NONE" }], integrationType: "AWS_PROXY" }),
            errors: [{ resource: "fail-options-OPTIONS", path: "authorization", message: "method OPTIONS has authorization NONE and is not a MOCK CORS preflight: its integration runs for anyone" }],
        },
        {
            name: "Noncompliance 5: reported at the level the configuration sets",
            resources: (stack: CanonicalStack) => restApi(stack, "fail-open", { methods: [{ httpMethod: "DELETE", authorization: "NONE" }] }),
            config: { enforcementLevel: "advisory" },
            errors: [{ resource: "fail-open-DELETE", path: "authorization", level: "advisory", message: "method DELETE has authorization NONE: anyone can call it" }],
        },
        {
            name: "Noncompliance 6: authorization unknown during preview is advisory, never a silent pass",
            resources: (stack: CanonicalStack) => restApi(stack, "decided-at-apply", { methods: [{ httpMethod: "GET", authorization: new Later("NONE") }] }),
            errors: {
                up: [{ resource: "decided-at-apply-GET", path: "authorization", message: "method GET has authorization NONE: anyone can call it" }],
                preview: [{ resource: "decided-at-apply-GET", path: "authorization", kind: "unverifiable", message: "cannot be verified until apply: authorization is not known during preview" }],
            },
        },
    ],
});

/** A REST API with /health and /docs/{page} resources, GET without authorization on each. */
function publicRest(stack: CanonicalStack, name: string) {
    const { api } = restApi(stack, name);
    const health = stack.add(T.Resource, `${name}-health`, { restApi: api.out("id"), parentId: api.out("rootResourceId"), pathPart: "health" });
    const docs = stack.add(T.Resource, `${name}-docs`, { restApi: api.out("id"), parentId: api.out("rootResourceId"), pathPart: "docs" });
    const page = stack.add(T.Resource, `${name}-page`, { restApi: api.out("id"), parentId: docs.out("id"), pathPart: "{page}" });
    stack.add(T.Method, `${name}-get-health`, { restApi: api.out("id"), resourceId: health.out("id"), httpMethod: "GET", authorization: "NONE" });
    stack.add(T.Method, `${name}-get-page`, { restApi: api.out("id"), resourceId: page.out("id"), httpMethod: "GET", authorization: "NONE" });
    stack.add(T.Method, `${name}-delete-health`, { restApi: api.out("id"), resourceId: health.out("id"), httpMethod: "DELETE", authorization: "NONE" });
}

// Public routes by configuration: paths are rebuilt from pathParts during a preview.
ruleTester(rule, {
    valid: [],
    invalid: [
        {
            name: "Noncompliance 7: without configuration, every open method is reported",
            resources: (stack: CanonicalStack) => publicRest(stack, "api"),
            errors: [
                { resource: "api-get-health", path: "authorization", message: "method GET has authorization NONE: anyone can call it" },
                { resource: "api-get-page", path: "authorization", message: "method GET has authorization NONE: anyone can call it" },
                { resource: "api-delete-health", path: "authorization", message: "method DELETE has authorization NONE: anyone can call it" },
            ],
        },
        {
            name: "Noncompliance 8: configured public routes pass; other methods on them do not",
            resources: (stack: CanonicalStack) => publicRest(stack, "api"),
            config: { publicRoutes: ["GET /health", "/docs/*"] },
            errors: [{ resource: "api-delete-health", path: "authorization", message: "method DELETE has authorization NONE: anyone can call it" }],
        },
    ],
});
