import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { asBoolean, known } from "../../engine/values";

export default defineRule<Record<string, never>>({
    id: "cognito-identity-pool-unauthenticated",
    title: "Identity pools do not hand out guest credentials",
    description: "Cognito identity pools must not allow unauthenticated (guest) identities.",
    rationale: "Guest identities get AWS credentials without signing in; with IAM-authorized APIs, those credentials can "
        + "call every API the guest role may invoke.",
    remediation: "Set `allowUnauthenticatedIdentities: false`, or waive the pool with the reason and scope its guest role "
        + "to nothing API-related.",
    area: "authentication",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "resource",
    subjects: [T.CognitoIdentityPool],
    config: {},
    references: {
        controls: ["C19"],
        owasp: ["API2:2023", "API5:2023"],
        checkov: ["CKV_AWS_366"],
        cdkNag: ["AwsSolutions-COG7"],
        docs: ["https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools.html"],
    },
    check(pool, ctx) {
        if (asBoolean(known(pool.props, "allowUnauthenticatedIdentities")) === true) {
            ctx.report({ path: "allowUnauthenticatedIdentities", message: "the identity pool gives AWS credentials to unauthenticated guests" });
        }
    },
});
