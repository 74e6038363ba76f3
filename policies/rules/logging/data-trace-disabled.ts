import { msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { asBoolean, asList, isPlainObject, known } from "../../engine/values";

export default defineRule<Record<string, never>>({
    id: "data-trace-disabled",
    title: "Full request and response logging (data trace) is off",
    description: "REST MethodSettings and HTTP/WebSocket stage route settings must not enable data trace.",
    rationale: "Data trace writes whole requests and responses — bearer tokens, API keys, personal data — into "
        + "CloudWatch Logs, where everyone who can read logs can read them.",
    remediation: "Set `dataTraceEnabled: false` (REST: in the MethodSettings `settings`; v2: in `defaultRouteSettings` "
        + "and every `routeSettings` entry). Use access logs for request metadata instead.",
    area: "logging",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "resource",
    subjects: [T.MethodSettings, T.V2Stage],
    config: {},
    references: {
        controls: ["C5", "nobody:websocket-data-trace"],
        owasp: ["API8:2023"],
        checkov: ["CKV_AWS_276"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html"],
    },
    check(subject, ctx) {
        if (subject.type === T.MethodSettings) {
            if (asBoolean(known(subject.props, "settings.dataTraceEnabled")) === true) {
                const methodPath = known(subject.props, "methodPath");
                ctx.report({ path: "settings.dataTraceEnabled", message: msg`data trace is on for ${methodPath}: full requests and responses are written to the logs` });
            }
            return;
        }
        if (asBoolean(known(subject.props, "defaultRouteSettings.dataTraceEnabled")) === true) {
            ctx.report({ path: "defaultRouteSettings.dataTraceEnabled", message: "data trace is on for every route of the stage" });
        }
        asList(known(subject.props, "routeSettings")).forEach((route, index) => {
            if (isPlainObject(route) && asBoolean(route["dataTraceEnabled"]) === true) {
                ctx.report({ path: `routeSettings.${index}.dataTraceEnabled`, message: msg`data trace is on for route ${route["routeKey"]}` });
            }
        });
    },
    remediate(props) {
        let changed = false;
        const off = (holder: unknown) => {
            if (isPlainObject(holder) && asBoolean(holder["dataTraceEnabled"]) === true) {
                holder["dataTraceEnabled"] = false;
                changed = true;
            }
        };
        off(props["settings"]);
        off(props["defaultRouteSettings"]);
        asList(props["routeSettings"]).forEach(off);
        return changed;
    },
});
