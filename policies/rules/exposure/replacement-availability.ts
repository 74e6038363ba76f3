import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";

export default defineRule<Record<string, never>>({
    id: "replacement-availability",
    title: "REST APIs and deployments are replaced without downtime",
    description: "When a REST API or a deployment must be replaced, the new one must be created before the old one is "
        + "deleted (Pulumi's default; `create_before_destroy` in Terraform).",
    rationale: "Deleting first leaves the stage without a deployment, or the domain without an API, until the "
        + "replacement exists: an outage on every such change.",
    remediation: "Pulumi: remove `deleteBeforeReplace: true`. Terraform: add `lifecycle { create_before_destroy = true }`.",
    area: "exposure",
    severity: "low",
    enforcementLevel: "advisory",
    scope: "resource",
    subjects: [T.RestApi, T.Deployment],
    config: {},
    references: {
        controls: ["C24"],
        owasp: ["API8:2023"],
        checkov: ["CKV_AWS_217", "CKV_AWS_237"],
        docs: ["https://www.pulumi.com/docs/iac/concepts/options/deletebeforereplace/"],
    },
    check(subject, ctx) {
        if (subject.options?.deleteBeforeReplace === true) {
            ctx.report({ message: "a replacement deletes the old resource before the new one exists" });
        }
    },
});
