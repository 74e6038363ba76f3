/** The authorizer rules over authorizers defined in OpenAPI security schemes. */
import { catalog } from "../../policies/catalog";
import { ruleTester } from "../helpers/rule-tester";
import { openApiHttp, openApiRest, userPool } from "./fixtures";

const byId = (id: string) => catalog.find((candidate) => candidate.id === id)!;

ruleTester(byId("authorizer-cache-ttl"), {
    valid: [{ name: "Compliance: the document's token authorizer caches for 300 seconds", resources: [openApiRest("pass", "openapi3", true)] }],
    invalid: [{
        name: "Noncompliance 1: a token authorizer defined in Swagger 2 caches for an hour",
        resources: [openApiRest("fail", "swagger2", false)],
        errors: [{
            resource: "fail", path: "body#/securityDefinitions/token-check/x-amazon-apigateway-authorizer/authorizerResultTtlInSeconds",
            message: "OpenAPI security scheme token-check: authorizer results are cached for 3600 seconds; at most 300 are allowed",
        }],
    }],
});

ruleTester(byId("jwt-authorizer-configuration"), {
    valid: [{ name: "Compliance: the JWT authorizer names an issuer and an audience", resources: [openApiHttp("pass", "openapi3", true)] }],
    invalid: [{
        name: "Noncompliance 1: a JWT authorizer without an audience",
        resources: [openApiHttp("fail", "openapi3", false)],
        errors: [{
            resource: "fail", path: "body#/components/securitySchemes/jwt/x-amazon-apigateway-authorizer/jwtConfiguration/audience",
            message: "OpenAPI security scheme jwt: the JWT authorizer accepts tokens for any audience",
        }],
    }],
});

ruleTester(byId("cognito-user-pool-mfa"), {
    valid: [{ name: "Compliance: the pool the document's Cognito authorizer names requires MFA", resources: [openApiRest("api", "openapi3", true), userPool("users", { mfaConfiguration: "ON" })] }],
    invalid: [{
        name: "Noncompliance 1: a pool used only through the OpenAPI body's providerARNs, with MFA off",
        resources: [openApiRest("api", "openapi3", true), userPool("users", { mfaConfiguration: "OFF" })],
        errors: [{ resource: "users", path: "mfaConfiguration", message: "MFA is OFF for a user pool that API authorizers trust" }],
    }],
});
