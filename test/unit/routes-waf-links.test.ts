import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Graph } from "../../policies/engine/graph";
import { methodPath, restResourcePath } from "../../policies/engine/links";
import { makeResource, Resource } from "../../policies/engine/resource";
import { isPublicRoute } from "../../policies/engine/routes";
import { T } from "../../policies/engine/types";
import { UNKNOWN_STRING } from "../../policies/engine/values";
import { wafRules } from "../../policies/engine/waf";

function resource(type: string, name: string, props: Record<string, unknown>, refs?: Record<string, string[]>): Resource {
    return makeResource({ type, name, id: name, props, refs, origin: { frontEnd: "pulumi" } });
}

describe("public route patterns", () => {
    test("method and path, any method, wildcards", () => {
        assert.ok(isPublicRoute(["GET /health"], "GET", "/health"));
        assert.ok(!isPublicRoute(["GET /health"], "POST", "/health"));
        assert.ok(isPublicRoute(["/docs/*"], "DELETE", "/docs/a/b"));
        assert.ok(isPublicRoute(["ANY /public/*"], "put", "/public/x"));
        assert.ok(!isPublicRoute(["/docs/*"], "GET", "/documents"));
    });
});

describe("REST resource paths", () => {
    const api = resource(T.RestApi, "api", {});
    const docs = resource(T.Resource, "docs", { pathPart: "docs", parentId: UNKNOWN_STRING }, { parentId: ["api"] });
    const page = resource(T.Resource, "page", { pathPart: "{page}", parentId: UNKNOWN_STRING }, { parentId: ["docs"] });
    const known = resource(T.Resource, "known", { path: "/known/path" });
    const pending = resource(T.Resource, "pending", { pathPart: UNKNOWN_STRING });
    const graph = new Graph([api, docs, page, known, pending]);

    test("are rebuilt from pathParts up to the API root when the path output is unknown", () => {
        assert.equal(restResourcePath(graph, page), "/docs/{page}");
        assert.equal(restResourcePath(graph, known), "/known/path");
        assert.equal(restResourcePath(graph, pending), UNKNOWN_STRING);
    });

    test("of a method follow its resourceId, the API root included", () => {
        const onPage = resource(T.Method, "m", { resourceId: UNKNOWN_STRING }, { resourceId: ["page"] });
        const onRoot = resource(T.Method, "r", { resourceId: UNKNOWN_STRING }, { resourceId: ["api"] });
        const g = new Graph([api, docs, page, onPage, onRoot]);
        assert.equal(methodPath(g, onPage), "/docs/{page}");
        assert.equal(methodPath(g, onRoot), "/");
    });
});

describe("WAF rules", () => {
    test("read from provider blocks (objects or one-item lists) and from ruleJson", () => {
        const blocks = wafRules({ props: { rules: [
            { name: "a", overrideAction: { count: {} }, statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "X" } } },
            { name: "b", action: [{ block: [{}] }], statement: [{ rateBasedStatement: [{ limit: 100 }] }] },
        ] } })!;
        assert.deepEqual(blocks.map((r) => [r.name, r.managedGroup?.name, r.rateLimit, r.countOnly]), [["a", "X", undefined, true], ["b", undefined, 100, false]]);
        const json = wafRules({ props: { ruleJson: JSON.stringify([{ Name: "c", Action: { Count: {} }, Statement: { RateBasedStatement: { Limit: 5 } } }]) } })!;
        assert.deepEqual(json.map((r) => [r.name, r.rateLimit, r.countOnly]), [["c", 5, true]]);
    });

    test("are undefined while unknown or unreadable", () => {
        assert.equal(wafRules({ props: { rules: UNKNOWN_STRING } }), undefined);
        assert.equal(wafRules({ props: { ruleJson: "[{" } }), undefined);
        assert.deepEqual(wafRules({ props: {} }), []);
    });
});
