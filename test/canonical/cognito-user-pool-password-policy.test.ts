import { catalog } from "../../policies/catalog";
import { ruleTester } from "../helpers/rule-tester";
import { pool, STRONG } from "./cognito-pools";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "cognito-user-pool-password-policy")!;

ruleTester(rule, {
    valid: [{ name: "Compliance: 14 characters, every class", resources: (stack: CanonicalStack) => pool(stack, "pass-strong", {}) }],
    invalid: [
        { name: "Noncompliance 1: Cognito's default policy is 8 characters", resources: (stack: CanonicalStack) => pool(stack, "fail-default", { passwordPolicy: undefined }), errors: [{ resource: "fail-default", path: "passwordPolicy.minimumLength", message: "passwords may be 8 characters long; at least 12 are required" }] },
        {
            name: "Noncompliance 2: symbols not required",
            resources: (stack: CanonicalStack) => pool(stack, "fail-symbols", { passwordPolicy: { ...STRONG.passwordPolicy, requireSymbols: false } }),
            errors: [{ resource: "fail-symbols", path: "passwordPolicy.requireSymbols", message: "the password policy sets requireSymbols to false" }],
        },
    ],
});
