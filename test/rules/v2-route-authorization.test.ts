import { httpApi, webSocketApi } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "v2-route-authorization";

ruleSuite(RULE, [
    {
        name: "Compliance: JWT and IAM routes; WebSocket routes other than $connect carry no authorizer",
        program: () => {
            httpApi("pass-http", { routes: [{ routeKey: "GET /items" }, { routeKey: "POST /items", authorizationType: "AWS_IAM" }] });
            webSocketApi("pass-socket", { routes: ["$default", "$disconnect", "sendMessage"] });
        },
        expect: [],
    },
    {
        name: "Noncompliance 1: an HTTP route without authorization",
        program: () => httpApi("fail-http", { routes: [{ routeKey: "GET /admin", authorizationType: "NONE" }] }),
        expect: [`mandatory ${RULE} fail-http-GET-admin`],
    },
    {
        name: "Noncompliance 2: a WebSocket $connect route without authorization",
        program: () => webSocketApi("fail-socket", { connectAuthorization: "NONE" }),
        expect: [`mandatory ${RULE} fail-socket-connect`],
    },
    {
        name: "Noncompliance 3: an HTTP $default route is a catch-all and needs authorization",
        program: () => httpApi("fail-default", { routes: [{ routeKey: "$default", authorizationType: "NONE" }] }),
        expect: [`mandatory ${RULE} fail-default-$default`],
    },
]);
