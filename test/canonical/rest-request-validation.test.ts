import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { openApiRest } from "./fixtures";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "rest-request-validation")!;

ruleTester(rule, {
    valid: [
        {
            name: "Compliance: parameters validated for GET, body too for POST; MOCK preflights exempt",
            resources: (stack: CanonicalStack) => {
                const api = stack.add(T.RestApi, "api", {});
                const validator = stack.add(T.RequestValidator, "all", { restApi: api.out("id"), validateRequestBody: true, validateRequestParameters: true });
                const params = stack.add(T.RequestValidator, "params", { restApi: api.out("id"), validateRequestParameters: true });
                stack.add(T.Method, "pass-get", { restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "GET", authorization: "AWS_IAM", requestValidatorId: params.out("id") });
                stack.add(T.Method, "pass-post", { restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "POST", authorization: "AWS_IAM", requestValidatorId: validator.out("id") });
                stack.add(T.Method, "pass-options", { restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "OPTIONS", authorization: "NONE" });
                stack.add(T.Integration, "pass-options-integration", { restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "OPTIONS", type: "MOCK" });
            },
        },
        { name: "Compliance: the document's default validator checks body and parameters", resources: [openApiRest("pass", "openapi3", true)] },
    ],
    invalid: [
        {
            name: "Noncompliance 1: a POST whose validator skips the body, and a method without a validator",
            resources: (stack: CanonicalStack) => {
                const api = stack.add(T.RestApi, "api", {});
                const params = stack.add(T.RequestValidator, "fail-params-only", { restApi: api.out("id"), validateRequestParameters: true });
                stack.add(T.Method, "post", { restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "POST", authorization: "AWS_IAM", requestValidatorId: params.out("id") });
                stack.add(T.Method, "fail-unvalidated", { restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "DELETE", authorization: "AWS_IAM" });
            },
            errors: [
                { resource: "fail-params-only", path: "validateRequestBody", message: "the validator of method POST does not validate the body", level: "advisory" },
                { resource: "fail-unvalidated", path: "requestValidatorId", message: "method DELETE validates no request", level: "advisory" },
            ],
        },
        {
            name: "Noncompliance 2: an OpenAPI operation picks a validator that skips the body",
            resources: [openApiRest("fail", "openapi3", false)],
            errors: [{
                resource: "fail", path: "body#/x-amazon-apigateway-request-validators/params-only/validateRequestBody", level: "advisory", endpoint: "POST /orders",
                message: "OpenAPI operation POST /orders: the validator of method POST does not validate the body",
            }],
        },
    ],
});
