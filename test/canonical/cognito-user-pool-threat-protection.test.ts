import { catalog } from "../../policies/catalog";
import { ruleTester } from "../helpers/rule-tester";
import { pool } from "./cognito-pools";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "cognito-user-pool-threat-protection")!;

ruleTester(rule, {
    valid: [{ name: "Compliance: ENFORCED", resources: (stack: CanonicalStack) => pool(stack, "pass-enforced", {}) }],
    invalid: [
        { name: "Noncompliance 1: AUDIT only records", resources: (stack: CanonicalStack) => pool(stack, "fail-audit", { userPoolAddOns: { advancedSecurityMode: "AUDIT" } }), errors: [{ resource: "fail-audit", path: "userPoolAddOns.advancedSecurityMode", message: "threat protection is AUDIT" }] },
        { name: "Noncompliance 2: not configured", resources: (stack: CanonicalStack) => pool(stack, "fail-unset", { userPoolAddOns: undefined }), errors: [{ resource: "fail-unset", path: "userPoolAddOns.advancedSecurityMode", message: "threat protection is OFF" }] },
    ],
});
