import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { resource, ruleTester } from "../helpers/rule-tester";
import { httpApi, webSocketApi } from "./builders";
import { openApiHttp, quickCreate } from "./fixtures";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "v2-route-authorization")!;

function websocket(name: string, routes: { key: string; authorizationType?: string }[]) {
    return [
        resource(T.V2Api, name, { name, protocolType: "WEBSOCKET", routeSelectionExpression: "$request.body.action" }),
        ...routes.map((route) => resource(T.V2Route, `${name}-${route.key}`, { apiId: name, routeKey: route.key, authorizationType: route.authorizationType ?? "NONE" }, { refs: { apiId: [name] } })),
    ];
}

ruleTester(rule, {
    valid: [
        { name: "Compliance: every OpenAPI route of an HTTP API names the JWT authorizer (YAML)", resources: [openApiHttp("pass-http", "openapi3", true)] },
        { name: "Compliance: the same document as Swagger 2 JSON", resources: [openApiHttp("pass-swagger", "swagger2", true, "json")] },
        {
            name: "Compliance: a WebSocket API whose $connect route is authorized; other routes need none",
            resources: websocket("chat", [{ key: "$connect", authorizationType: "CUSTOM" }, { key: "$default" }, { key: "sendMessage" }]),
        },
        {
            name: "Compliance: a quick-create API whose route is declared with an authorizer",
            resources: [quickCreate("quick-authorized", { routeKey: "GET /items" }),
                resource(T.V2Route, "items", { apiId: "quick-authorized", routeKey: "GET /items", authorizationType: "AWS_IAM" }, { refs: { apiId: ["quick-authorized"] } })],
        },
    ],
    invalid: [
        {
            name: "Noncompliance 1: an OpenAPI route without security",
            resources: [openApiHttp("fail-http", "openapi3", false)],
            errors: [{
                resource: "fail-http", path: "body#/paths/~1submit/post", endpoint: "POST /submit",
                message: "OpenAPI operation POST /submit: route POST /submit has authorization NONE: anyone can call it",
            }],
        },
        {
            name: "Noncompliance 2: quick create makes a public route",
            resources: [quickCreate("quick")],
            errors: [{ resource: "quick", path: "target", endpoint: "$default", message: "quick-create route $default: route $default has authorization NONE: anyone can call it" }],
        },
        {
            name: "Noncompliance 3: quick create with a route key",
            resources: [quickCreate("quick-keyed", { routeKey: "POST /run" })],
            errors: [{ resource: "quick-keyed", path: "routeKey", endpoint: "POST /run", message: "quick-create route POST /run: route POST /run has authorization NONE: anyone can call it" }],
        },
        {
            name: "Noncompliance 12: a declared route replaces the quick-create route of its own API only, found by reference or by the API's ID",
            resources: [
                quickCreate("pass-declared", { routeKey: "GET /items" }),
                resource(T.V2Route, "pass-declared-items", { apiId: "pass-declared", routeKey: "GET /items", authorizationType: "AWS_IAM" }, { refs: { apiId: ["pass-declared"] } }),
                quickCreate("pass-by-id", { routeKey: "GET /items", id: "a1b2c3" }),
                resource(T.V2Route, "pass-by-id-items", { apiId: "a1b2c3", routeKey: "GET /items", authorizationType: "AWS_IAM" }),
                quickCreate("fail-undeclared", { routeKey: "GET /items" }),
            ],
            errors: [{ resource: "fail-undeclared", path: "routeKey", endpoint: "GET /items", message: "quick-create route GET /items: route GET /items has authorization NONE: anyone can call it" }],
        },
        {
            name: "Noncompliance 4: a WebSocket API without a $connect route accepts every connection",
            resources: websocket("open-chat", [{ key: "$default" }]),
            errors: [{
                resource: "open-chat", path: "protocolType",
                message: "the WebSocket API has no `$connect` route, so no authorizer runs when a client connects: every client can open a connection",
            }],
        },
        {
            name: "Noncompliance 5: a WebSocket $connect route without an authorizer",
            resources: websocket("lax-chat", [{ key: "$connect" }, { key: "$default" }]),
            errors: [{ resource: "lax-chat-$connect", path: "authorizationType", message: "WebSocket route $connect has no authorizer: every client can open a connection" }],
        },
    ],
});

ruleTester(rule, {
    valid: [],
    invalid: [{
        name: "Noncompliance 6: configured public routes pass; other methods on them do not",
        resources: (stack: CanonicalStack) => httpApi(stack, "http", {
            routes: [{ routeKey: "GET /health", authorizationType: "NONE" }, { routeKey: "GET /docs/{page}", authorizationType: "NONE" }, { routeKey: "POST /health", authorizationType: "NONE" }],
        }),
        config: { publicRoutes: ["GET /health", "/docs/*"] },
        errors: [{ resource: "http-POST-health", path: "authorizationType", message: "route POST /health has authorization NONE: anyone can call it" }],
    }],
});

ruleTester(rule, {
    valid: [{
        name: "Compliance: JWT and IAM routes; WebSocket routes other than $connect carry no authorizer",
        resources: (stack: CanonicalStack) => {
            httpApi(stack, "pass-http", { routes: [{ routeKey: "GET /items" }, { routeKey: "POST /items", authorizationType: "AWS_IAM" }] });
            webSocketApi(stack, "pass-socket", { routes: ["$default", "$disconnect", "sendMessage"] });
        },
    }, {
        name: "Compliance: authorized $default routes whose API is not in the input pass for either protocol",
        resources: [
            resource(T.V2Route, "pass-orphan-jwt", { apiId: "api-elsewhere", routeKey: "$default", authorizationType: "JWT", authorizerId: "authorizer-elsewhere" }),
            resource(T.V2Route, "pass-orphan-iam", { apiId: "api-elsewhere", routeKey: "$default", authorizationType: "AWS_IAM" }),
        ],
    }],
    invalid: [
        {
            name: "Noncompliance 7: an HTTP route without authorization",
            resources: (stack: CanonicalStack) => httpApi(stack, "fail-http", { routes: [{ routeKey: "GET /admin", authorizationType: "NONE" }] }),
            errors: [{ resource: "fail-http-GET-admin", path: "authorizationType", message: "route GET /admin has authorization NONE: anyone can call it" }],
        },
        {
            name: "Noncompliance 8: a WebSocket $connect route without authorization",
            resources: (stack: CanonicalStack) => webSocketApi(stack, "fail-socket", { connectAuthorization: "NONE" }),
            errors: [{ resource: "fail-socket-connect", path: "authorizationType", message: "WebSocket route $connect has no authorizer: every client can open a connection" }],
        },
        {
            name: "Noncompliance 9: an HTTP $default route is a catch-all and needs authorization",
            resources: (stack: CanonicalStack) => httpApi(stack, "fail-default", { routes: [{ routeKey: "$default", authorizationType: "NONE" }] }),
            errors: [{ resource: "fail-default-$default", path: "authorizationType", message: "route $default has authorization NONE: anyone can call it" }],
        },
        {
            name: "Noncompliance 10: a WebSocket API built without a $connect route (preview: the routes reference it, so it is still decided)",
            resources: (stack: CanonicalStack) => webSocketApi(stack, "no-connect", { connectAuthorization: null }),
            errors: [{ resource: "no-connect", path: "protocolType", message: "the WebSocket API has no `$connect` route, so no authorizer runs when a client connects: every client can open a connection" }],
        },
        {
            name: "Noncompliance 11: an unauthorized $default route whose API is not in the input depends on the protocol",
            resources: [resource(T.V2Route, "orphan-open", { apiId: "api-elsewhere", routeKey: "$default", authorizationType: "NONE" })],
            errors: [{
                resource: "orphan-open", path: "routeKey", kind: "unverifiable",
                message: "cannot be verified: the route's API is not in the input, so this unauthorized `$default` route may belong to an HTTP API (which needs authorization) or a WebSocket API (which cannot have it)",
            }],
        },
    ],
});
