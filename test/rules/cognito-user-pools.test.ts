import * as aws from "@pulumi/aws";
import { describe } from "node:test";
import { ruleSuite } from "../helpers/rule-suite";

const STRONG = {
    mfaConfiguration: "ON",
    softwareTokenMfaConfiguration: { enabled: true },
    passwordPolicy: { minimumLength: 14, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true },
    userPoolAddOns: { advancedSecurityMode: "ENFORCED" },
};

/** A user pool; with `authorizer`, a REST Cognito authorizer uses it (or a JWT authorizer, by issuer). */
function pool(name: string, overrides: Record<string, unknown>, authorizer: "rest" | "jwt" | "none" = "rest") {
    const users = new aws.cognito.UserPool(name, { ...STRONG, ...overrides } as aws.cognito.UserPoolArgs);
    if (authorizer === "rest") {
        const api = new aws.apigateway.RestApi(`${name}-api`, {});
        new aws.apigateway.Authorizer(`${name}-auth`, { restApi: api.id, type: "COGNITO_USER_POOLS", providerArns: [users.arn] });
    } else if (authorizer === "jwt") {
        const api = new aws.apigatewayv2.Api(`${name}-api`, { protocolType: "HTTP" });
        new aws.apigatewayv2.Authorizer(`${name}-auth`, { apiId: api.id, authorizerType: "JWT", identitySources: ["$request.header.Authorization"],
            jwtConfiguration: { issuer: users.endpoint.apply((endpoint) => `https://${endpoint}`), audiences: ["app"] } });
    }
}

describe("Cognito user pools used by API authorizers", () => {
    ruleSuite("cognito-user-pool-mfa", [
        { name: "Compliance: MFA ON; a weak pool no authorizer uses is not checked", program: () => { pool("pass-on", {}); pool("pass-unused", { mfaConfiguration: "OFF" }, "none"); }, expect: [] },
        { name: "Noncompliance 1: MFA OFF behind a REST authorizer", program: () => pool("fail-off", { mfaConfiguration: "OFF" }), expect: ["mandatory cognito-user-pool-mfa fail-off"] },
        { name: "Noncompliance 2: OPTIONAL MFA behind a JWT authorizer (found through the issuer)", program: () => pool("fail-optional", { mfaConfiguration: "OPTIONAL" }, "jwt"), expect: ["mandatory cognito-user-pool-mfa fail-optional"] },
        { name: "Compliance: OPTIONAL MFA allowed by configuration", program: () => pool("pass-optional", { mfaConfiguration: "OPTIONAL" }), config: { "cognito-user-pool-mfa": { allowOptional: true } }, expect: [] },
    ]);
    ruleSuite("cognito-user-pool-password-policy", [
        { name: "Compliance: 14 characters, every class", program: () => pool("pass-strong", {}), expect: [] },
        { name: "Noncompliance 1: Cognito's default policy is 8 characters", program: () => pool("fail-default", { passwordPolicy: undefined }), expect: ["mandatory cognito-user-pool-password-policy fail-default"] },
        {
            name: "Noncompliance 2: symbols not required",
            program: () => pool("fail-symbols", { passwordPolicy: { ...STRONG.passwordPolicy, requireSymbols: false } }),
            expect: ["mandatory cognito-user-pool-password-policy fail-symbols"],
        },
    ]);
    ruleSuite("cognito-user-pool-threat-protection", [
        { name: "Compliance: ENFORCED", program: () => pool("pass-enforced", {}), expect: [] },
        { name: "Noncompliance 1: AUDIT only records", program: () => pool("fail-audit", { userPoolAddOns: { advancedSecurityMode: "AUDIT" } }), expect: ["mandatory cognito-user-pool-threat-protection fail-audit"] },
        { name: "Noncompliance 2: not configured", program: () => pool("fail-unset", { userPoolAddOns: undefined }), expect: ["mandatory cognito-user-pool-threat-protection fail-unset"] },
    ]);
    ruleSuite("cognito-identity-pool-unauthenticated", [
        { name: "Compliance: no guests", program: () => new aws.cognito.IdentityPool("pass", { identityPoolName: "pass", allowUnauthenticatedIdentities: false }), expect: [] },
        { name: "Noncompliance 1: guest credentials", program: () => new aws.cognito.IdentityPool("fail", { identityPoolName: "fail", allowUnauthenticatedIdentities: true }), expect: ["mandatory cognito-identity-pool-unauthenticated fail"] },
    ]);
});
