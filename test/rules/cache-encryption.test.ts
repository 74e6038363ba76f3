import * as aws from "@pulumi/aws";
import { restApi } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "cache-encryption";

function cachedApi(name: string, settings: Record<string, unknown> | null, override?: Record<string, unknown>) {
    const { api, stage } = restApi(name, { settings: null });
    const cached = new aws.apigateway.Stage(`${name}-cached`, { restApi: api.id, deployment: stage.deployment, stageName: "cached", cacheClusterEnabled: true, cacheClusterSize: "0.5" });
    if (settings) {
        new aws.apigateway.MethodSettings(`${name}-cached-all`, { restApi: api.id, stageName: cached.stageName, methodPath: "*/*", settings });
    }
    if (override) {
        new aws.apigateway.MethodSettings(`${name}-cached-get`, { restApi: api.id, stageName: cached.stageName, methodPath: "items/GET", settings: override });
    }
}

ruleSuite(RULE, [
    {
        name: "Compliance: a cache cluster with encrypted */* and per-method caching; no cache, no demand",
        program: () => {
            cachedApi("pass", { cacheDataEncrypted: true, cachingEnabled: true }, { cachingEnabled: true, cacheDataEncrypted: true });
            restApi("pass-uncached", { settings: { cachingEnabled: true, cacheDataEncrypted: false } });
        },
        expect: [],
    },
    { name: "Noncompliance 1: a cache cluster whose */* settings do not encrypt", program: () => cachedApi("fail-all", { cacheDataEncrypted: false }), expect: [`mandatory ${RULE} fail-all-cached-all`] },
    {
        name: "Noncompliance 2: a method caching without encryption",
        program: () => cachedApi("fail-get", { cacheDataEncrypted: true }, { cachingEnabled: true, cacheDataEncrypted: false }),
        expect: [`mandatory ${RULE} fail-get-cached-get`],
    },
    { name: "Noncompliance 3: a cache cluster with no MethodSettings (GET methods cache unencrypted)", program: () => cachedApi("fail-none", null), expect: [`mandatory ${RULE} fail-none-cached`] },
]);
