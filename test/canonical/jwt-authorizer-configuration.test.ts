import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { openApiHttp } from "./fixtures";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "jwt-authorizer-configuration")!;

function jwt(stack: CanonicalStack, name: string, jwtConfiguration: { issuer?: string; audiences?: string[] }, authorizerType = "JWT") {
    const api = stack.add(T.V2Api, `${name}-api`, { protocolType: "HTTP" });
    stack.add(T.V2Authorizer, name, {
        apiId: api.out("id"), authorizerType, identitySources: ["$request.header.Authorization"], jwtConfiguration,
        authorizerUri: authorizerType === "REQUEST" ? "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:a/invocations" : undefined,
    });
}

ruleTester(rule, {
    valid: [
        {
            name: "Compliance: an HTTPS issuer and an audience; REQUEST authorizers are not JWT",
            resources: (stack: CanonicalStack) => {
                jwt(stack, "pass-jwt", { issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc", audiences: ["client-1"] });
                jwt(stack, "pass-request", {}, "REQUEST");
            },
        },
        { name: "Compliance: the document's JWT authorizer names an issuer and an audience", resources: [openApiHttp("pass", "openapi3", true)] },
    ],
    invalid: [
        {
            name: "Noncompliance 1: no audience accepts any token of the issuer",
            resources: (stack: CanonicalStack) => jwt(stack, "fail-audience", { issuer: "https://issuer.example.com/", audiences: [] }),
            errors: [{ resource: "fail-audience", path: "jwtConfiguration.audiences", message: "the JWT authorizer accepts tokens for any audience" }],
        },
        {
            name: "Noncompliance 2: an issuer that is not HTTPS",
            resources: (stack: CanonicalStack) => jwt(stack, "fail-http", { issuer: "http://issuer.example.com/", audiences: ["a"] }),
            errors: [{ resource: "fail-http", path: "jwtConfiguration.issuer", message: "the JWT issuer http://issuer.example.com/ is not an HTTPS URL" }],
        },
        {
            name: "Noncompliance 3: a JWT authorizer in the OpenAPI body without an audience",
            resources: [openApiHttp("fail", "openapi3", false)],
            errors: [{
                resource: "fail", path: "body#/components/securitySchemes/jwt/x-amazon-apigateway-authorizer/jwtConfiguration/audience",
                message: "OpenAPI security scheme jwt: the JWT authorizer accepts tokens for any audience",
            }],
        },
    ],
});
