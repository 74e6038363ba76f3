import * as aws from "@pulumi/aws";
import { describe } from "node:test";
import { httpApi, restApi } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

const CONFIG = {
    "rest-method-authorization": { publicRoutes: ["GET /health", "/docs/*"] },
    "v2-route-authorization": { publicRoutes: ["GET /health", "/docs/*"] },
};

/** A REST API with /health and /docs/{page} resources, GET without authorization on each. */
function publicRest(name: string) {
    const { api } = restApi(name);
    const health = new aws.apigateway.Resource(`${name}-health`, { restApi: api.id, parentId: api.rootResourceId, pathPart: "health" });
    const docs = new aws.apigateway.Resource(`${name}-docs`, { restApi: api.id, parentId: api.rootResourceId, pathPart: "docs" });
    const page = new aws.apigateway.Resource(`${name}-page`, { restApi: api.id, parentId: docs.id, pathPart: "{page}" });
    new aws.apigateway.Method(`${name}-get-health`, { restApi: api.id, resourceId: health.id, httpMethod: "GET", authorization: "NONE" });
    new aws.apigateway.Method(`${name}-get-page`, { restApi: api.id, resourceId: page.id, httpMethod: "GET", authorization: "NONE" });
    new aws.apigateway.Method(`${name}-delete-health`, { restApi: api.id, resourceId: health.id, httpMethod: "DELETE", authorization: "NONE" });
}

describe("public routes by configuration (paths rebuilt from pathParts during a preview)", () => {
    ruleSuite("rest-method-authorization", [
        { name: "Noncompliance 1: without configuration, every open method is reported", program: () => publicRest("api"), expect: ["mandatory rest-method-authorization api-delete-health", "mandatory rest-method-authorization api-get-health", "mandatory rest-method-authorization api-get-page"] },
        { name: "Compliance: configured public routes pass; other methods on them do not", program: () => publicRest("api"), config: CONFIG, expect: ["mandatory rest-method-authorization api-delete-health"] },
    ]);
    ruleSuite("v2-route-authorization", [
        {
            name: "Compliance: configured public routes pass; other methods on them do not",
            program: () => httpApi("http", { routes: [{ routeKey: "GET /health", authorizationType: "NONE" }, { routeKey: "GET /docs/{page}", authorizationType: "NONE" }, { routeKey: "POST /health", authorizationType: "NONE" }] }),
            config: CONFIG,
            expect: ["mandatory v2-route-authorization http-POST-health"],
        },
    ]);
});
