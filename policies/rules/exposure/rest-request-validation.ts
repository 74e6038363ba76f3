import { integrationOfMethod } from "../../engine/links";
import { msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { asBoolean, isPlainObject, isUnknown, known, peek } from "../../engine/values";

/** Methods that carry a body; others (GET, DELETE, HEAD, OPTIONS) only when they declare a request model. */
const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "ANY"]);

function hasEntries(value: unknown): boolean {
    return isPlainObject(value) ? Object.keys(value).length > 0 : Array.isArray(value) && value.length > 0;
}

export default defineRule<Record<string, never>>({
    id: "rest-request-validation",
    title: "REST methods validate requests",
    description: "REST methods must use a request validator that validates the request parameters they declare, and "
        + "the body for POST, PUT, PATCH and ANY (and any method that declares a request model). A method that declares "
        + "no parameters and takes no body has nothing to validate; MOCK CORS preflights are exempt.",
    rationale: "Validation at the edge rejects malformed and oversized input before it costs an integration call or "
        + "reaches code that trusts its shape (mass assignment, injection).",
    remediation: "Create an `aws.apigateway.RequestValidator` with `validateRequestBody: true` and "
        + "`validateRequestParameters: true`, and set the method's `requestValidatorId` (with request models/parameters).",
    area: "exposure",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "stack",
    subjects: [T.Method],
    reads: [T.RequestValidator, T.Integration, T.RestApi],
    config: {},
    references: {
        controls: ["C15"],
        owasp: ["API3:2023", "API8:2023"],
        checkov: ["CKV2_AWS_53"],
        cdkNag: ["AwsSolutions-APIG2"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html"],
    },
    check(method, ctx) {
        const httpMethod = known(method.props, "httpMethod");
        const verb = typeof httpMethod === "string" ? httpMethod.toUpperCase() : "";
        if (verb === "OPTIONS") {
            const integration = integrationOfMethod(ctx.graph, method);
            const type = integration ? peek(integration.props, "type") : "MOCK";
            if (isUnknown(type) || (typeof type === "string" && type.toUpperCase() === "MOCK")) {
                return;
            }
        }
        // Validation checks what a method declares: with no parameters, and no body (or a body model), there is nothing to check.
        const declaresParameters = hasEntries(known(method.props, "requestParameters"));
        const takesBody = BODY_METHODS.has(verb) || hasEntries(known(method.props, "requestModels"));
        if (!declaresParameters && !takesBody) {
            return;
        }
        const validatorId = peek(method.props, "requestValidatorId");
        if (validatorId === undefined || validatorId === null || validatorId === "") {
            ctx.report({ path: "requestValidatorId", message: msg`method ${httpMethod} validates no request` });
            return;
        }
        const validator = ctx.graph.refs(method, "requestValidatorId", [T.RequestValidator])[0];
        if (!validator) {
            return;
        }
        if (declaresParameters && asBoolean(known(validator.props, "validateRequestParameters")) !== true) {
            ctx.report({ resource: validator, path: "validateRequestParameters", related: [method], message: msg`the validator of method ${httpMethod} does not validate parameters` });
        }
        if (takesBody && asBoolean(known(validator.props, "validateRequestBody")) !== true) {
            ctx.report({ resource: validator, path: "validateRequestBody", related: [method], message: msg`the validator of method ${httpMethod} does not validate the body` });
        }
    },
});
