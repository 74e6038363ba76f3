import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { isUnknown, peek } from "../../engine/values";

export default defineRule<Record<string, never>>({
    id: "api-key-not-hardcoded",
    title: "API key values are generated or read from secrets, never written in the program",
    description: "An API key's `value`, when set, must come from somewhere other than the program text: a generator "
        + "(random password), a secrets store, or the stack's secret configuration.",
    rationale: "A literal key lives in source control, in every clone and CI log of it; anyone with read access can call "
        + "the API as that client, and rotating it means a code change.",
    remediation: "Leave `value` unset (API Gateway generates one), or set it from `new random.RandomPassword(...).result` "
        + "or `config.requireSecret(...)` (Terraform: a `random_password` or a sensitive variable).",
    area: "authentication",
    severity: "high",
    enforcementLevel: "mandatory",
    // Where a value comes from is known only from references: Pulumi sends them with AnalyzeStack.
    scope: "stack",
    subjects: [T.ApiKey],
    config: {},
    references: {
        controls: ["nobody:api-key-not-hardcoded"],
        owasp: ["API2:2023", "API8:2023"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-basic-concept.html#apigateway-definition-api-key"],
    },
    check(key, ctx) {
        const value = peek(key.props, "value");
        // Unset: API Gateway generates the key. Unknown: computed at apply, so not a literal.
        if (value === undefined || value === null || value === "" || isUnknown(value)) {
            return;
        }
        if ((key.refs["value"] ?? []).length > 0) {
            return;
        }
        ctx.report({ path: "value", message: "the API key value is written in the program: it comes from no generator, secret or configuration" });
    },
});
