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
        {
            name: "Compliance: nothing to validate — a body-only validator on methods that declare no parameters; GET and DELETE without parameters or models",
            resources: (stack: CanonicalStack) => {
                const api = stack.add(T.RestApi, "api", {});
                const body = stack.add(T.RequestValidator, "body-only", { restApi: api.out("id"), validateRequestBody: true });
                const params = stack.add(T.RequestValidator, "params-only", { restApi: api.out("id"), validateRequestParameters: true });
                stack.add(T.Method, "pass-post-body", { restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "POST", authorization: "AWS_IAM", requestValidatorId: body.out("id"), requestModels: { "application/json": "Order" } });
                stack.add(T.Method, "pass-get-params", { restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "GET", authorization: "AWS_IAM", requestValidatorId: params.out("id"), requestParameters: { "method.request.querystring.page": false } });
                stack.add(T.Method, "pass-get-bare", { restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "GET", authorization: "AWS_IAM" });
                stack.add(T.Method, "pass-delete-bare", { restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "DELETE", authorization: "AWS_IAM", requestValidatorId: body.out("id") });
            },
        },
    ],
    invalid: [
        {
            name: "Noncompliance 1: a POST whose validator skips the body, and a method without a validator",
            resources: (stack: CanonicalStack) => {
                const api = stack.add(T.RestApi, "api", {});
                const params = stack.add(T.RequestValidator, "fail-params-only", { restApi: api.out("id"), validateRequestParameters: true });
                stack.add(T.Method, "post", { restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "POST", authorization: "AWS_IAM", requestValidatorId: params.out("id") });
                stack.add(T.Method, "fail-unvalidated", { restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "DELETE", authorization: "AWS_IAM", requestParameters: { "method.request.querystring.force": true } });
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
        {
            name: "Noncompliance 3: parameters declared but the validator checks only the body; a GET that declares a request model",
            resources: (stack: CanonicalStack) => {
                const api = stack.add(T.RestApi, "api", {});
                const body = stack.add(T.RequestValidator, "fail-body-only", { restApi: api.out("id"), validateRequestBody: true });
                const params = stack.add(T.RequestValidator, "fail-params-only", { restApi: api.out("id"), validateRequestParameters: true });
                stack.add(T.Method, "put", { restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "PUT", authorization: "AWS_IAM", requestValidatorId: body.out("id"), requestParameters: { "method.request.header.If-Match": true } });
                stack.add(T.Method, "get-with-model", { restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "GET", authorization: "AWS_IAM", requestValidatorId: params.out("id"), requestModels: { "application/json": "Query" } });
            },
            errors: [
                { resource: "fail-body-only", path: "validateRequestParameters", message: "the validator of method PUT does not validate parameters", level: "advisory" },
                { resource: "fail-params-only", path: "validateRequestBody", message: "the validator of method GET does not validate the body", level: "advisory" },
            ],
        },
    ],
});
