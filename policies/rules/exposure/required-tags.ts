import { tagsOf } from "../../engine/links";
import { lit, msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { isUnknown, peek } from "../../engine/values";

export default defineRule<{ requiredTags: string[] }>({
    id: "required-tags",
    title: "APIs carry ownership tags",
    description: "REST, HTTP and WebSocket APIs must carry the configured tags (default `owner` and `environment`).",
    rationale: "An API nobody owns is an API nobody patches or retires (OWASP API9, improper inventory): tags are how "
        + "an inventory finds its owner and tells production from a forgotten test API.",
    remediation: "Add the tags to the API, or set them for every resource through the provider's `defaultTags`.",
    area: "exposure",
    severity: "low",
    enforcementLevel: "advisory",
    scope: "resource",
    subjects: [T.RestApi, T.V2Api],
    config: {
        requiredTags: { type: "array", description: "Tag keys every API must have.", items: { type: "string" }, default: ["owner", "environment"] },
    },
    references: {
        controls: ["nobody:stale-assets"],
        owasp: ["API9:2023"],
        docs: ["https://docs.aws.amazon.com/whitepapers/latest/tagging-best-practices/tagging-best-practices.html"],
    },
    check(api, ctx) {
        if (isUnknown(peek(api.props, "tags"))) {
            ctx.unverifiable({ path: "tags", message: "the API's tags are not known during preview" });
            return;
        }
        const tags = tagsOf(api);
        const missing = ctx.config.requiredTags.filter((key) => typeof tags[key] !== "string" || tags[key] === "");
        if (missing.length > 0) {
            ctx.report({ path: "tags", message: msg`the API has no ${lit(missing.join(", "))} tag` });
        }
    },
});
