import { ALL_METHODS_PATH, methodSettingsHasStage, methodSettingsOfStage } from "../../engine/links";
import { lit, msg } from "../../engine/message";
import type { Resource } from "../../engine/resource";
import { defineRule, RuleContext } from "../../engine/rule";
import { T } from "../../engine/types";
import { asBoolean, isPlainObject, known, peek } from "../../engine/values";

/**
 * Settings whose stage is not in the input are never met by a stage's check. Whether their
 * unencrypted caching matters depends on that stage's cache cluster, so say it cannot be seen.
 */
function checkSettingsWithoutStage(settings: Resource, ctx: RuleContext<Record<string, never>>): void {
    const methodPath = known(settings.props, "methodPath");
    const caching = asBoolean(known(settings.props, "settings.cachingEnabled")) === true;
    const encrypted = asBoolean(known(settings.props, "settings.cacheDataEncrypted")) === true;
    if (encrypted || !(caching || methodPath === ALL_METHODS_PATH) || methodSettingsHasStage(ctx.graph, settings)) {
        return;
    }
    ctx.unverifiable({
        path: "settings.cacheDataEncrypted",
        outsideInput: true,
        message: caching
            ? msg`caching is on for ${methodPath} without encryption, and whether the stage has a cache cluster depends on stage ${peek(settings.props, "stageName")}, which is not in the input`
            : msg`the ${lit(ALL_METHODS_PATH)} settings do not encrypt cached data, and whether the stage has a cache cluster depends on stage ${peek(settings.props, "stageName")}, which is not in the input`,
    });
}

export default defineRule<Record<string, never>>({
    id: "cache-encryption",
    title: "Cached responses are encrypted",
    description: "When a REST stage has a cache cluster, every MethodSettings that caches (the `*/*` settings, which "
        + "cache GET methods by default, and any method with caching on) must encrypt the cached data. Stages without a "
        + "cache are not checked: caching itself is never required.",
    rationale: "Cached responses can hold personal data and tokens; unencrypted, they sit in clear on the cache cluster.",
    remediation: "Set `settings: { cacheDataEncrypted: true }` on the stage's `*/*` MethodSettings and on every method "
        + "that sets `cachingEnabled`.",
    area: "encryption",
    severity: "medium",
    enforcementLevel: "mandatory",
    scope: "stack",
    subjects: [T.Stage, T.MethodSettings],
    reads: [T.MethodSettings, T.RestApi],
    remediates: [T.MethodSettings],
    config: {},
    references: {
        controls: ["C8"],
        owasp: ["API8:2023"],
        securityHub: ["APIGateway.5"],
        checkov: ["CKV_AWS_308"],
        trivy: ["AVD-AWS-0002"],
        controlTower: ["CT.APIGATEWAY.PR.3"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html"],
    },
    check(stage, ctx) {
        if (stage.type === T.MethodSettings) {
            checkSettingsWithoutStage(stage, ctx);
            return;
        }
        if (asBoolean(known(stage.props, "cacheClusterEnabled")) !== true) {
            return;
        }
        const { linked, undecided } = methodSettingsOfStage(ctx.graph, stage);
        let stageWideEncrypted = false;
        for (const settings of linked) {
            const methodPath = known(settings.props, "methodPath");
            const caching = asBoolean(known(settings.props, "settings.cachingEnabled"));
            const encrypted = asBoolean(known(settings.props, "settings.cacheDataEncrypted")) === true;
            if (methodPath === ALL_METHODS_PATH) {
                stageWideEncrypted = encrypted;
                if (!encrypted) {
                    ctx.report({ resource: settings, path: "settings.cacheDataEncrypted", message: "the stage has a cache cluster and its */* settings do not encrypt cached data" });
                }
            } else if (caching === true && !encrypted) {
                ctx.report({ resource: settings, path: "settings.cacheDataEncrypted", message: msg`caching is on for ${methodPath} without encryption` });
            }
        }
        if (!linked.some((settings) => known(settings.props, "methodPath") === ALL_METHODS_PATH) && !stageWideEncrypted) {
            if (undecided.length > 0) {
                ctx.unverifiable({ path: "stageName", message: "MethodSettings of this API name their stage with a value known only after apply" });
                return;
            }
            ctx.report({ path: "cacheClusterEnabled", message: msg`the stage has a cache cluster but no ${lit(ALL_METHODS_PATH)} MethodSettings encrypting cached data` });
        }
    },
    remediate(props) {
        const settings = props["settings"];
        if (!isPlainObject(settings)) {
            return false;
        }
        const caching = asBoolean(settings["cachingEnabled"]) === true || props["methodPath"] === ALL_METHODS_PATH;
        if (caching && asBoolean(settings["cacheDataEncrypted"]) !== true) {
            settings["cacheDataEncrypted"] = true;
            return true;
        }
        return false;
    },
});
