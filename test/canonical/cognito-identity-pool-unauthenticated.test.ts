import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "cognito-identity-pool-unauthenticated")!;

ruleTester(rule, {
    valid: [{ name: "Compliance: no guests", resources: (stack: CanonicalStack) => stack.add(T.CognitoIdentityPool, "pass", { identityPoolName: "pass", allowUnauthenticatedIdentities: false }) }],
    invalid: [{
        name: "Noncompliance 1: guest credentials",
        resources: (stack: CanonicalStack) => stack.add(T.CognitoIdentityPool, "fail", { identityPoolName: "fail", allowUnauthenticatedIdentities: true }),
        errors: [{ resource: "fail", path: "allowUnauthenticatedIdentities", message: "the identity pool gives AWS credentials to unauthenticated guests" }],
    }],
});
