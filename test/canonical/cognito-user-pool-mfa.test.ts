import { catalog } from "../../policies/catalog";
import { ruleTester } from "../helpers/rule-tester";
import { pool } from "./cognito-pools";
import { openApiRest, userPool } from "./fixtures";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "cognito-user-pool-mfa")!;

ruleTester(rule, {
    valid: [
        { name: "Compliance: MFA ON; a weak pool no authorizer uses is not checked", resources: (stack: CanonicalStack) => { pool(stack, "pass-on", {}); pool(stack, "pass-unused", { mfaConfiguration: "OFF" }, "none"); } },
        { name: "Compliance: OPTIONAL MFA allowed by configuration", resources: (stack: CanonicalStack) => pool(stack, "pass-optional", { mfaConfiguration: "OPTIONAL" }), config: { allowOptional: true } },
        { name: "Compliance: the pool the document's Cognito authorizer names requires MFA", resources: [openApiRest("api", "openapi3", true), userPool("users", { mfaConfiguration: "ON" })] },
    ],
    invalid: [
        { name: "Noncompliance 1: MFA OFF behind a REST authorizer", resources: (stack: CanonicalStack) => pool(stack, "fail-off", { mfaConfiguration: "OFF" }), errors: [{ resource: "fail-off", path: "mfaConfiguration", message: "MFA is OFF for a user pool that API authorizers trust" }] },
        {
            name: "Noncompliance 2: OPTIONAL MFA behind a JWT authorizer (found through the issuer)",
            resources: (stack: CanonicalStack) => pool(stack, "fail-optional", { mfaConfiguration: "OPTIONAL" }, "jwt"),
            errors: [{ resource: "fail-optional", path: "mfaConfiguration", message: "MFA is OPTIONAL for a user pool that API authorizers trust" }],
        },
        {
            name: "Noncompliance 3: a pool used only through the OpenAPI body's providerARNs, with MFA off",
            resources: [openApiRest("api", "openapi3", true), userPool("users", { mfaConfiguration: "OFF" })],
            errors: [{ resource: "users", path: "mfaConfiguration", message: "MFA is OFF for a user pool that API authorizers trust" }],
        },
    ],
});
