import * as aws from "@pulumi/aws";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "jwt-authorizer-configuration";

function jwt(name: string, jwtConfiguration: { issuer?: string; audiences?: string[] }, authorizerType = "JWT") {
    const api = new aws.apigatewayv2.Api(`${name}-api`, { protocolType: "HTTP" });
    new aws.apigatewayv2.Authorizer(name, { apiId: api.id, authorizerType, identitySources: ["$request.header.Authorization"], jwtConfiguration,
        authorizerUri: authorizerType === "REQUEST" ? "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:a/invocations" : undefined });
}

ruleSuite(RULE, [
    {
        name: "Compliance: an HTTPS issuer and an audience; REQUEST authorizers are not JWT",
        program: () => {
            jwt("pass-jwt", { issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc", audiences: ["client-1"] });
            jwt("pass-request", {}, "REQUEST");
        },
        expect: [],
    },
    {
        name: "Noncompliance 1: no audience accepts any token of the issuer",
        program: () => jwt("fail-audience", { issuer: "https://issuer.example.com/", audiences: [] }),
        expect: [`mandatory ${RULE} fail-audience`],
    },
    {
        name: "Noncompliance 2: an issuer that is not HTTPS",
        program: () => jwt("fail-http", { issuer: "http://issuer.example.com/", audiences: ["a"] }),
        expect: [`mandatory ${RULE} fail-http`],
    },
]);
