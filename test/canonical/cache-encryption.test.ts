import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { resource, ruleTester } from "../helpers/rule-tester";
import { restApi } from "./builders";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "cache-encryption")!;

function cachedApi(stack: CanonicalStack, name: string, settings: Record<string, unknown> | null, override?: Record<string, unknown>) {
    const { api, stage } = restApi(stack, name, { settings: null });
    const cached = stack.add(T.Stage, `${name}-cached`, { restApi: api.out("id"), deployment: stage.out("deployment"), stageName: "cached", cacheClusterEnabled: true, cacheClusterSize: "0.5" });
    if (settings) {
        stack.add(T.MethodSettings, `${name}-cached-all`, { restApi: api.out("id"), stageName: cached.out("stageName"), methodPath: "*/*", settings });
    }
    if (override) {
        stack.add(T.MethodSettings, `${name}-cached-get`, { restApi: api.out("id"), stageName: cached.out("stageName"), methodPath: "items/GET", settings: override });
    }
}

ruleTester(rule, {
    valid: [{
        name: "Compliance: a cache cluster with encrypted */* and per-method caching; no cache, no demand",
        resources: (stack: CanonicalStack) => {
            cachedApi(stack, "pass", { cacheDataEncrypted: true, cachingEnabled: true }, { cachingEnabled: true, cacheDataEncrypted: true });
            restApi(stack, "pass-uncached", { settings: { cachingEnabled: true, cacheDataEncrypted: false } });
        },
    }],
    invalid: [
        { name: "Noncompliance 1: a cache cluster whose */* settings do not encrypt", resources: (stack: CanonicalStack) => cachedApi(stack, "fail-all", { cacheDataEncrypted: false }), errors: [{ resource: "fail-all-cached-all", path: "settings.cacheDataEncrypted", message: "the stage has a cache cluster and its */* settings do not encrypt cached data" }] },
        {
            name: "Noncompliance 2: a method caching without encryption",
            resources: (stack: CanonicalStack) => cachedApi(stack, "fail-get", { cacheDataEncrypted: true }, { cachingEnabled: true, cacheDataEncrypted: false }),
            errors: [{ resource: "fail-get-cached-get", path: "settings.cacheDataEncrypted", message: "caching is on for items/GET without encryption" }],
        },
        { name: "Noncompliance 3: a cache cluster with no MethodSettings (GET methods cache unencrypted)", resources: (stack: CanonicalStack) => cachedApi(stack, "fail-none", null), errors: [{ resource: "fail-none-cached", path: "cacheClusterEnabled", message: "the stage has a cache cluster but no */* MethodSettings encrypting cached data" }] },
        {
            name: "Noncompliance 4: unencrypted caching on settings whose stage is not in the input says what it could not see",
            resources: [
                resource(T.MethodSettings, "orphan-get", { restApi: "a1b2c3", stageName: "prod", methodPath: "items/GET", settings: { cachingEnabled: true, cacheDataEncrypted: false } }),
                resource(T.MethodSettings, "orphan-all", { restApi: "a1b2c3", stageName: "prod", methodPath: "*/*", settings: { metricsEnabled: true } }),
                resource(T.MethodSettings, "pass-orphan-encrypted", { restApi: "a1b2c3", stageName: "prod", methodPath: "items/PUT", settings: { cachingEnabled: true, cacheDataEncrypted: true } }),
                resource(T.MethodSettings, "pass-orphan-uncached", { restApi: "a1b2c3", stageName: "prod", methodPath: "items/POST", settings: { cachingEnabled: false } }),
            ],
            errors: [
                { resource: "orphan-get", path: "settings.cacheDataEncrypted", kind: "unverifiable", message: "cannot be verified: caching is on for items/GET without encryption, and whether the stage has a cache cluster depends on stage prod, which is not in the input" },
                { resource: "orphan-all", path: "settings.cacheDataEncrypted", kind: "unverifiable", message: "cannot be verified: the */* settings do not encrypt cached data, and whether the stage has a cache cluster depends on stage prod, which is not in the input" },
            ],
        },
    ],
});
