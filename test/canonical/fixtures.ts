/** Canonical resources shared by the canonical rule suites: APIs defined by OpenAPI bodies, quick create, implicit stages. */
import { T } from "../../policies/engine/types";
import { UNKNOWN } from "../../policies/engine/values";
import { asJson, asYaml, Flavor, httpDocument, POOL_ARN, restDocument } from "../fixtures/openapi";
import { resource } from "../helpers/rule-tester";

const TAGS = { owner: "team-orders", environment: "prod" };

export function openApiRest(name: string, flavor: Flavor, compliant: boolean, format: "json" | "yaml" = "json") {
    const document = restDocument(flavor, compliant);
    return resource(T.RestApi, name, { name, body: format === "json" ? asJson(document) : asYaml(document), tags: TAGS, endpointConfiguration: { types: ["REGIONAL"] } });
}

export function openApiHttp(name: string, flavor: Flavor, compliant: boolean, format: "json" | "yaml" = "yaml") {
    const document = httpDocument(flavor, compliant);
    return resource(T.V2Api, name, { name, protocolType: "HTTP", body: format === "json" ? asJson(document) : asYaml(document), tags: TAGS });
}

export function unknownBodyRest(name: string) {
    return resource(T.RestApi, name, { name, body: UNKNOWN, tags: TAGS, endpointConfiguration: { types: ["REGIONAL"] } });
}

export function quickCreate(name: string, extra: Record<string, unknown> = {}) {
    return resource(T.V2Api, name, { name, protocolType: "HTTP", target: "arn:aws:lambda:eu-west-1:123456789012:function:hello", tags: TAGS, ...extra });
}

export function userPool(name: string, props: Record<string, unknown>) {
    return resource(T.CognitoUserPool, name, { arn: POOL_ARN, name, ...props });
}

/** A REST API and a Deployment whose `stageName` (when given) creates a stage implicitly. */
export function implicitStage(stageName?: string) {
    return [
        resource(T.RestApi, "api", { name: "api", endpointConfiguration: { types: ["REGIONAL"] } }),
        resource(T.Deployment, "deploy", { restApi: "api", ...(stageName ? { stageName } : {}) }, { refs: { restApi: ["api"] } }),
    ];
}
