import { v2ApiOf } from "../../engine/links";
import { msg } from "../../engine/message";
import type { Resource } from "../../engine/resource";
import { defineRule, RuleContext } from "../../engine/rule";
import { isPublicRoute, PUBLIC_ROUTES_CONFIG } from "../../engine/routes";
import { T } from "../../engine/types";
import { isUnknown, known, peek } from "../../engine/values";

type Protocol = "HTTP" | "WEBSOCKET";

/** HTTP route keys are `METHOD /path` (or `$default`); WebSocket keys are `$connect`, `$disconnect`, actions. */
function protocolFromRouteKey(routeKey: string): Protocol | undefined {
    if (routeKey.includes(" ")) {
        return "HTTP";
    }
    if (routeKey === "$default") {
        return undefined;
    }
    return "WEBSOCKET";
}

/** A WebSocket API without a `$connect` route accepts every connection: there is nowhere to put an authorizer. */
function checkConnectRoute(api: Resource, ctx: RuleContext<{ publicRoutes: string[] }>): void {
    if (known(api.props, "protocolType") !== "WEBSOCKET" || ctx.config.publicRoutes.includes("$connect")) {
        return;
    }
    const routes = ctx.graph.referrers(api, T.V2Route, "apiId");
    let undecided = false;
    for (const route of routes) {
        const key = peek(route.props, "routeKey");
        if (key === "$connect") {
            return;
        }
        undecided ||= isUnknown(key) || route.derived?.opaque !== undefined;
    }
    if (undecided) {
        ctx.unverifiable({ path: "protocolType", message: "whether the WebSocket API has a `$connect` route is not known during preview" });
        return;
    }
    ctx.report({
        path: "protocolType",
        message: "the WebSocket API has no `$connect` route, so no authorizer runs when a client connects: every client can open a connection",
    });
}

export default defineRule<{ publicRoutes: string[] }>({
    id: "v2-route-authorization",
    title: "HTTP API routes and WebSocket $connect require authorization",
    description: "Every HTTP API route must use a JWT, Lambda or IAM authorizer. On WebSocket APIs, the `$connect` "
        + "route must: it is the only route API Gateway lets carry an authorizer, and a WebSocket API without one "
        + "accepts every connection.",
    rationale: "A route with authorization NONE is open to anyone. On WebSocket APIs, authorization happens once, "
        + "when the connection is opened; messages on other routes are already inside an authorized connection.",
    remediation: "Set `authorizationType` to `JWT`, `CUSTOM` or `AWS_IAM` (with `authorizerId` where needed). For "
        + "WebSocket APIs, authorize `$connect`. For a deliberately public route, list it in `publicRoutes` or record "
        + "a waiver with the reason.",
    area: "authentication",
    severity: "high",
    enforcementLevel: "mandatory",
    // The protocol (HTTP or WebSocket) lives on the API, so `$default` routes need the sibling.
    scope: "stack",
    subjects: [T.V2Route, T.V2Api],
    reads: [T.V2Api, T.V2Route],
    config: { publicRoutes: PUBLIC_ROUTES_CONFIG },
    references: {
        controls: ["C1"],
        owasp: ["API2:2023", "API5:2023"],
        securityHub: ["APIGateway.8"],
        checkov: ["CKV_AWS_309"],
        awsConfig: ["api-gwv2-authorization-type-configured"],
        controlTower: ["CT.APIGATEWAY.PR.5"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html"],
    },
    check(route, ctx) {
        if (route.type === T.V2Api) {
            checkConnectRoute(route, ctx);
            return;
        }
        const routeKey = known(route.props, "routeKey");
        if (typeof routeKey !== "string") {
            return;
        }
        // An authorized route passes whatever its API's protocol: decide before asking for the API.
        const authorizationType = known(route.props, "authorizationType");
        if (typeof authorizationType === "string" && authorizationType.toUpperCase() !== "NONE") {
            return;
        }
        const api = v2ApiOf(ctx.graph, route);
        const declared = api ? peek(api.props, "protocolType") : undefined;
        if (isUnknown(declared)) {
            ctx.unverifiable({ path: "routeKey", message: "the API's protocol type is not known during preview" });
            return;
        }
        const protocol: Protocol | undefined = declared === "HTTP" || declared === "WEBSOCKET"
            ? declared
            : protocolFromRouteKey(routeKey);
        if (protocol === undefined) {
            ctx.unverifiable({
                path: "routeKey",
                outsideInput: true,
                message: "the route's API is not in the input, so this unauthorized `$default` route may belong to an HTTP API (which needs authorization) or a WebSocket API (which cannot have it)",
            });
            return;
        }
        if (protocol === "WEBSOCKET" && (routeKey !== "$connect" || ctx.config.publicRoutes.includes(routeKey))) {
            return;
        }
        if (protocol === "HTTP") {
            const space = routeKey.indexOf(" ");
            const [method, path] = space > 0 ? [routeKey.slice(0, space), routeKey.slice(space + 1)] : ["ANY", routeKey];
            if (isPublicRoute(ctx.config.publicRoutes, method, path) || ctx.config.publicRoutes.includes(routeKey)) {
                return;
            }
        }
        ctx.report({
            path: "authorizationType",
            message: protocol === "WEBSOCKET"
                ? msg`WebSocket route ${routeKey} has no authorizer: every client can open a connection`
                : msg`route ${routeKey} has authorization ${authorizationType ?? "NONE"}: anyone can call it`,
        });
    },
});
