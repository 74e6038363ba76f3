import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { catalog } from "../../policies/catalog";
import { settingsFor } from "../../policies/engine/config";
import { EvaluationContext, Evaluator, NO_WAIVERS } from "../../policies/engine/evaluate";
import { makeResource, Resource } from "../../policies/engine/resource";
import type { Rule } from "../../policies/engine/rule";
import { T } from "../../policies/engine/types";
import { stringify } from "yaml";
import { httpDocument, restDocument } from "../fixtures/openapi";
import {
    UNKNOWN_ARRAY, UNKNOWN_BOOLEAN, UNKNOWN_NUMBER, UNKNOWN_OBJECT, UNKNOWN_STRING,
} from "../../policies/engine/values";

/** Secret values all carry this marker, which no rule text contains. */
const MARK = "zq7-secret-";

/** Property names the rules read, so arbitrary resources often hit the code paths that matter. */
const VOCABULARY = [
    "authorization", "httpMethod", "apiKeyRequired", "authorizationType", "routeKey", "protocolType", "restApi", "apiId",
    "resourceId", "parentId", "pathPart", "path", "type", "stageName", "name", "methodPath", "settings", "loggingLevel",
    "dataTraceEnabled", "metricsEnabled", "throttlingBurstLimit", "throttlingRateLimit", "cachingEnabled",
    "cacheDataEncrypted", "cacheClusterEnabled", "accessLogSettings", "destinationArn", "format", "xrayTracingEnabled",
    "defaultRouteSettings", "routeSettings", "detailedMetricsEnabled", "securityPolicy", "domainNameConfiguration",
    "endpointConfiguration", "types", "mutualTlsAuthentication", "truststoreUri", "domainName", "policy",
    "assumeRolePolicy", "inlinePolicies", "managedPolicyArns", "role", "roles", "policyArn", "principal", "sourceArn",
    "cloudwatchRoleArn", "credentials", "rules", "ruleJson", "statement", "rateBasedStatement", "managedRuleGroupStatement",
    "overrideAction", "action", "resourceArn", "webAclArn", "tags", "retentionInDays", "kmsKeyId", "mfaConfiguration",
    "passwordPolicy", "minimumLength", "userPoolAddOns", "advancedSecurityMode", "allowUnauthenticatedIdentities",
    "providerArns", "jwtConfiguration", "issuer", "audiences", "authorizerResultTtlInSeconds", "value", "throttleSettings",
    "quotaSettings", "limit", "period", "corsConfiguration", "allowOrigins", "allowCredentials", "responseParameters",
    "disableExecuteApiEndpoint", "deployment", "deploymentId", "autoDeploy", "requestValidatorId",
    "validateRequestBody", "validateRequestParameters", "clientCertificateId", "connectionType", "tlsConfig",
    "serverNameToVerify", "integrationType", "options", "certificateTransparencyLoggingPreference",
    "subjectAlternativeNames", "certificateArn", "regionalCertificateArn", "namespace", "metricName", "dimensions",
];

const unknown = fc.constantFrom(UNKNOWN_STRING, UNKNOWN_BOOLEAN, UNKNOWN_NUMBER, UNKNOWN_ARRAY, UNKNOWN_OBJECT);
const secret = fc.string({ minLength: 0, maxLength: 12 }).map((tail) => `${MARK}${tail}`);
const statementShape = fc.record({
    Effect: fc.oneof(fc.constantFrom("Allow", "Deny"), fc.string()),
    Action: fc.oneof(fc.constantFrom("*", "s3:*", "iam:PassRole", "execute-api:Invoke", "logs:PutLogEvents"), fc.array(fc.string(), { maxLength: 3 }), secret),
    Resource: fc.oneof(fc.constant("*"), fc.string(), secret, fc.constant(null)),
    Principal: fc.oneof(fc.constant("*"), fc.constant({ Service: "apigateway.amazonaws.com" }), fc.constant({ AWS: ["*", 3] }), fc.string()),
    Sid: fc.oneof(secret, fc.string()),
}, { requiredKeys: [] });
const policyJson = fc.oneof(
    fc.record({ Version: fc.constant("2012-10-17"), Statement: fc.oneof(statementShape, fc.array(statementShape, { maxLength: 3 }), fc.string()) })
        .map((doc) => JSON.stringify(doc)),
    fc.string().map((text) => `{"Statement": [${text}`),
    fc.constant("[]"),
);
const leaf = fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: 20 }) },
    { weight: 2, arbitrary: fc.constantFrom("NONE", "AWS_IAM", "OPTIONS", "GET", "INFO", "OFF", "TLS_1_0", "TLS_1_2", "PRIVATE", "WEBSOCKET", "HTTP", "*", "*/*", "$connect", "$default", "JWT", "MOCK", "VPC_LINK", "ON", "ENFORCED", "AWS/ApiGateway") },
    { weight: 2, arbitrary: fc.oneof(fc.integer({ min: -2, max: 100_000 }), fc.double(), fc.boolean(), fc.constant(null)) },
    { weight: 2, arbitrary: unknown },
    { weight: 2, arbitrary: secret },
    { weight: 1, arbitrary: policyJson },
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 4 }), fc.integer({ min: 50_000, max: 200_000 })).map(([unit, times]) => (unit || "x").repeat(times)) },
);
const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...VOCABULARY) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(key, tie("value"), { maxKeys: 6 })),
}));
const props = fc.dictionary(key, value, { maxKeys: 10 });

function collectSecrets(input: unknown, out: Set<string>): void {
    if (typeof input === "string" && input.includes(MARK)) {
        out.add(input);
    } else if (Array.isArray(input)) {
        input.forEach((item) => collectSecrets(item, out));
    } else if (input !== null && typeof input === "object") {
        Object.values(input).forEach((item) => collectSecrets(item, out));
    }
}

/** A rule's subject plus resources of the types it reads, with random references among them. */
function stackFor(rule: Rule) {
    const types = [...rule.subjects, ...(rule.reads ?? [])];
    return fc.array(fc.record({ type: fc.constantFrom(...types), props, refProps: fc.array(key, { maxLength: 3 }), targets: fc.array(fc.nat(), { maxLength: 3 }), secrecyKnown: fc.boolean() }), { minLength: 1, maxLength: 6 })
        .map((items) => items.map((item, index): Resource => {
            const secrets = new Set<string>();
            collectSecrets(item.props, secrets);
            const refs: Record<string, string[]> = {};
            for (const prop of item.refProps) {
                refs[prop] = item.targets.map((target) => `r${target % items.length}`);
            }
            return makeResource({
                type: index === 0 ? rule.subjects[0] : item.type,
                name: `r${index}`,
                id: `r${index}`,
                props: item.props,
                refs,
                origin: { frontEnd: "pulumi" },
                secrets,
                secrecyUnknown: !item.secrecyKnown,
            });
        }));
}

describe("every rule over arbitrary property shapes", () => {
    const evaluator = new Evaluator(catalog);
    const context: EvaluationContext = {
        settings: (rule) => ({ ...settingsFor(rule, undefined), level: "mandatory" }),
        waivers: NO_WAIVERS,
    };
    for (const rule of catalog) {
        test(`${rule.id} never throws and never reports a secret value`, () => {
            fc.assert(fc.property(stackFor(rule), (resources) => {
                const results = evaluator.evaluateAll(resources, context);
                for (const result of results) {
                    assert.notEqual(result.kind, "error", `${result.ruleId} threw on ${result.resource?.name}: ${result.message}`);
                    assert.ok(!result.message.includes(MARK), `${result.ruleId} printed a secret: ${result.message}`);
                }
            }), { numRuns: Number(process.env.GATEHOUSE_FUZZ_RUNS ?? 150) });
        });
    }
});

/** OpenAPI's and API Gateway's own words, so arbitrary documents reach the code that reads them. */
const OPENAPI_VOCABULARY = [
    "openapi", "swagger", "paths", "/orders", "/$default", "get", "post", "options", "x-amazon-apigateway-any-method",
    "security", "components", "securitySchemes", "securityDefinitions", "x-amazon-apigateway-authtype",
    "x-amazon-apigateway-authorizer", "type", "name", "in", "providerARNs", "authorizerUri", "authorizerResultTtlInSeconds",
    "jwtConfiguration", "issuer", "audience", "identitySource", "x-amazon-apigateway-integration", "uri", "credentials",
    "httpMethod", "responses", "default", "responseParameters", "statusCode", "connectionType", "tlsConfig",
    "serverNameToVerify", "x-amazon-apigateway-request-validators", "x-amazon-apigateway-request-validator",
    "validateRequestBody", "validateRequestParameters", "x-amazon-apigateway-policy", "Statement", "Effect", "Principal",
    "x-amazon-apigateway-cors", "allowOrigins", "allowCredentials", "x-amazon-apigateway-gateway-responses",
    "parameters", "requestBody", "content", "$ref", "x-amazon-apigateway-endpoint-configuration",
    "disableExecuteApiEndpoint", "x-amazon-apigateway-api-key-source", "operationId",
];
const openApiLeaf = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom("cognito_user_pools", "custom", "awsSigv4", "token", "request", "jwt", "aws_proxy", "http_proxy", "mock", "VPC_LINK", "x-api-key", "header", "apiKey", "oauth2", "*", "Allow", "3.0.1", "2.0", "cognito", "api_key") },
    { weight: 2, arbitrary: leaf },
);
const { openApiValue } = fc.letrec((tie) => ({
    openApiValue: fc.oneof({ depthSize: "small", withCrossShrink: true }, openApiLeaf, fc.array(tie("openApiValue"), { maxLength: 3 }),
        fc.dictionary(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...OPENAPI_VOCABULARY) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), tie("openApiValue"), { maxKeys: 6 })),
}));
const openApiDocument = fc.record({
    openapi: fc.constantFrom("3.0.1", "2.0", undefined),
    paths: fc.dictionary(fc.constantFrom("/orders", "/submit", "/$default", "/{id}"), fc.dictionary(fc.constantFrom("get", "post", "options", "x-amazon-apigateway-any-method", "parameters"), openApiValue, { maxKeys: 3 }), { maxKeys: 3 }),
    components: fc.record({ securitySchemes: fc.dictionary(fc.constantFrom("cognito", "api_key", "jwt", "sigv4"), openApiValue, { maxKeys: 3 }) }),
    security: openApiValue,
    extra: fc.dictionary(fc.constantFrom(...OPENAPI_VOCABULARY), openApiValue, { maxKeys: 4 }),
}).map(({ extra, ...document }) => ({ ...extra, ...document }));
/** Replaces the leaves at the given positions (counted over the whole document) by the given values. */
function mutateLeaves(document: unknown, replacements: readonly [number, unknown][]): unknown {
    let position = 0;
    let count = 0;
    const countLeaves = (value: unknown): void => {
        if (value !== null && typeof value === "object") {
            Object.values(value).forEach(countLeaves);
        } else {
            count++;
        }
    };
    countLeaves(document);
    const targets = new Map(replacements.map(([index, value]) => [index % Math.max(count, 1), value]));
    const walk = (value: unknown): unknown => {
        if (Array.isArray(value)) {
            return value.map(walk);
        }
        if (value !== null && typeof value === "object") {
            return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item)]));
        }
        const index = position++;
        return targets.has(index) ? targets.get(index) : value;
    };
    return walk(document);
}
/** The fixtures' realistic documents with some values replaced: reaches every rule's message. */
const shapedDocument = fc.record({
    document: fc.constantFrom(...(["openapi3", "swagger2"] as const).flatMap((flavor) => [false, true].flatMap((compliant) => [restDocument(flavor, compliant), httpDocument(flavor, compliant)]))),
    replacements: fc.array(fc.tuple(fc.nat(), fc.oneof(secret, openApiLeaf)), { minLength: 1, maxLength: 8 }),
}).map(({ document, replacements }) => mutateLeaves(document, replacements));
const body = fc.oneof(
    { weight: 4, arbitrary: openApiDocument.map((document) => JSON.stringify(document)) },
    { weight: 4, arbitrary: shapedDocument.map((document) => JSON.stringify(document)) },
    { weight: 1, arbitrary: shapedDocument.map((document) => stringify(document)) },
    { weight: 2, arbitrary: openApiDocument.map((document) => stringify(document)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: openApiDocument.map((document) => JSON.stringify(document).slice(0, -3)) },
    { weight: 1, arbitrary: unknown },
);

describe("every rule over arbitrary and malformed OpenAPI bodies", () => {
    const evaluator = new Evaluator(catalog);
    const context: EvaluationContext = {
        settings: (rule) => ({ ...settingsFor(rule, undefined), level: "mandatory" }),
        waivers: NO_WAIVERS,
    };
    const apis = fc.array(fc.record({ rest: fc.boolean(), body, secretBody: fc.boolean(), secrecyKnown: fc.boolean() }), { minLength: 1, maxLength: 3 })
        .map((items) => items.map((item, index): Resource => {
            const secrets = new Set<string>();
            collectSecrets(item.body, secrets);
            if (item.secretBody) {
                secrets.add(item.body);
            }
            return makeResource({
                type: item.rest ? T.RestApi : T.V2Api,
                name: `api${index}`,
                props: { body: item.body, protocolType: item.rest ? undefined : "HTTP", name: `api${index}` },
                origin: { frontEnd: "pulumi" },
                secrets,
                secrecyUnknown: !item.secrecyKnown,
            });
        }));
    test("no rule throws, and a secret body's values are never printed", () => {
        fc.assert(fc.property(apis, (resources) => {
            const bodyIsSecret = new Map(resources.map((api) => [api, api.secretValues()?.has(String(api.props["body"])) ?? true]));
            for (const result of evaluator.evaluateAll(resources, context)) {
                assert.notEqual(result.kind, "error", `${result.ruleId} threw on ${result.resource?.name}: ${result.message}`);
                if (result.resource && bodyIsSecret.get(result.resource)) {
                    assert.ok(!result.message.includes(MARK), `${result.ruleId} printed a value of a secret body: ${result.message}`);
                }
            }
        }), { numRuns: Number(process.env.GATEHOUSE_FUZZ_RUNS ?? 300) });
    });
});
