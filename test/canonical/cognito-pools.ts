/** User pools behind API authorizers, for the Cognito rules' cases. */
import { T } from "../../policies/engine/types";
import { CanonicalStack, interpolate } from "./stack";

export const STRONG = {
    mfaConfiguration: "ON",
    softwareTokenMfaConfiguration: { enabled: true },
    passwordPolicy: { minimumLength: 14, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true },
    userPoolAddOns: { advancedSecurityMode: "ENFORCED" },
};

/** A user pool; with `authorizer`, a REST Cognito authorizer uses it (or a JWT authorizer, by issuer). */
export function pool(stack: CanonicalStack, name: string, overrides: Record<string, unknown>, authorizer: "rest" | "jwt" | "none" = "rest") {
    const users = stack.add(T.CognitoUserPool, name, { name, ...STRONG, ...overrides });
    if (authorizer === "rest") {
        const api = stack.add(T.RestApi, `${name}-api`, {});
        stack.add(T.Authorizer, `${name}-auth`, { restApi: api.out("id"), type: "COGNITO_USER_POOLS", providerArns: [users.out("arn")] });
    } else if (authorizer === "jwt") {
        const api = stack.add(T.V2Api, `${name}-api`, { protocolType: "HTTP" });
        stack.add(T.V2Authorizer, `${name}-auth`, {
            apiId: api.out("id"), authorizerType: "JWT", identitySources: ["$request.header.Authorization"],
            jwtConfiguration: { issuer: interpolate`https://${users.out("endpoint")}`, audiences: ["app"] },
        });
    }
    return users;
}
