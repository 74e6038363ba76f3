import { lit, msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { asBoolean, isUnknown, known, peek } from "../../engine/values";

export default defineRule<{ deprecatedStageNames: string[] }>({
    id: "stale-stages",
    title: "No forgotten stages",
    description: "Stages must serve a deployment (REST: `deployment`; v2: a `deploymentId` or `autoDeploy`) and must "
        + "not use a configured deprecated name (default: deprecated, old, legacy, tmp, temp).",
    rationale: "Old and empty stages are the forgotten endpoints of OWASP API9: they keep old code or open routes "
        + "reachable long after everyone stopped looking at them.",
    remediation: "Delete stages that serve nothing or carry a deprecated name, or waive them with the reason they stay.",
    area: "exposure",
    severity: "low",
    enforcementLevel: "advisory",
    scope: "resource",
    subjects: [T.Stage, T.V2Stage],
    config: {
        deprecatedStageNames: {
            type: "array",
            description: "Stage names that mark a stage as left over.",
            items: { type: "string" },
            default: ["deprecated", "old", "legacy", "tmp", "temp"],
        },
    },
    references: {
        controls: ["nobody:stale-assets"],
        owasp: ["API9:2023"],
        docs: ["https://owasp.org/API-Security/editions/2023/en/0xa9-improper-inventory-management/"],
    },
    check(stage, ctx) {
        const name = known(stage.props, stage.type === T.Stage ? "stageName" : "name");
        if (typeof name === "string" && ctx.config.deprecatedStageNames.some((deprecated) => deprecated.toLowerCase() === name.toLowerCase())) {
            ctx.report({ path: stage.type === T.Stage ? "stageName" : "name", message: msg`stage name ${name} is on the ${lit("deprecated")} list` });
        }
        const deployment = peek(stage.props, stage.type === T.Stage ? "deployment" : "deploymentId");
        const autoDeployValue = stage.type === T.V2Stage ? peek(stage.props, "autoDeploy") : undefined;
        const autoDeploy = asBoolean(autoDeployValue) === true;
        if (!autoDeploy && (deployment === undefined || deployment === null || deployment === "")) {
            if (isUnknown(autoDeployValue)) {
                ctx.unverifiable({ path: "autoDeploy", message: "whether the stage deploys automatically is not known during preview, and it names no deployment" });
            } else {
                ctx.report({ path: stage.type === T.Stage ? "deployment" : "deploymentId", message: "the stage serves no deployment" });
            }
        }
    },
});
