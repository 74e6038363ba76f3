/**
 * The OpenAPI option of the REST components: the document is read the way the pack reads it
 * (policies/engine/openapi.ts), so the component refuses exactly the operations the pack would
 * report, and it adds request validation to a document that sets none. Pure: no Pulumi here.
 */
import { baseline } from "./baseline";
import { effectiveSecurity, operations, readDocument, securitySchemes } from "../policies/engine/openapi";

/** The validator the component adds to a document that names no default validator. */
export const DOCUMENT_VALIDATOR = "gatehouse-body-and-parameters";

/**
 * Checks an OpenAPI document and returns the body to deploy: JSON, with the baseline's request
 * validator as the document's default when it sets none and validation is on. An operation the
 * pack would find unauthenticated is refused unless listed in `publicOperations` (then the pack
 * reports it, unless waived: a visible opt-out).
 */
export function prepareOpenApiBody(component: string, name: string, openApi: Record<string, unknown> | string,
    publicOperations: readonly string[], requestValidation: boolean): string {
    const reading = readDocument(openApi);
    if (reading.state !== "document") {
        throw new Error(`${component} "${name}": \`openApi\` ${reading.state === "invalid" ? reading.reason : "is empty"}`);
    }
    const document = structuredClone(reading.document);
    const schemes = securitySchemes(document);
    const open = operations(document)
        .filter((operation) => operation.method !== "OPTIONS")
        .filter((operation) => effectiveSecurity(document, operation, schemes).authorization === "NONE")
        .map((operation) => `${operation.method} ${operation.path}`)
        .filter((key) => !publicOperations.includes(key));
    if (open.length > 0) {
        throw new Error(`${component} "${name}": OpenAPI operations without authorization API Gateway enforces: ${open.join(", ")}. `
            + "Give each a security requirement naming a scheme with `x-amazon-apigateway-authtype` or `x-amazon-apigateway-authorizer`, "
            + "or list them in `publicOperations` to make them public on purpose.");
    }
    if (requestValidation && document["x-amazon-apigateway-request-validator"] === undefined) {
        const validators = document["x-amazon-apigateway-request-validators"];
        document["x-amazon-apigateway-request-validators"] = {
            ...(validators !== null && typeof validators === "object" ? validators : {}),
            [DOCUMENT_VALIDATOR]: { ...baseline.requestValidation },
        };
        document["x-amazon-apigateway-request-validator"] = DOCUMENT_VALIDATOR;
    }
    return JSON.stringify(document);
}
