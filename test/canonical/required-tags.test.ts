import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "required-tags")!;

ruleTester(rule, {
    valid: [{ name: "Compliance: owner and environment", resources: (stack: CanonicalStack) => stack.add(T.RestApi, "pass", { tags: { owner: "a", environment: "prod" } }) }],
    invalid: [
        { name: "Noncompliance 1: no owner", resources: (stack: CanonicalStack) => stack.add(T.V2Api, "fail-owner", { protocolType: "HTTP", tags: { environment: "prod" } }), errors: [{ resource: "fail-owner", path: "tags", message: "the API has no owner tag", level: "advisory" }] },
        {
            name: "Noncompliance 2: a configured tag missing",
            resources: (stack: CanonicalStack) => stack.add(T.RestApi, "fail-cost", { tags: { owner: "a", environment: "prod" } }),
            config: { requiredTags: ["owner", "cost-center"] },
            errors: [{ resource: "fail-cost", path: "tags", message: "the API has no cost-center tag", level: "advisory" }],
        },
    ],
});
