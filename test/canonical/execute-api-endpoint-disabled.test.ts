import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { resource, ruleTester } from "../helpers/rule-tester";
import { httpApi, restDomain, v2Domain } from "./builders";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "execute-api-endpoint-disabled")!;

ruleTester(rule, {
    valid: [
        {
            name: "Compliance: mapped APIs disable the default endpoint; unmapped APIs keep it",
            resources: (stack: CanonicalStack) => {
                const rest = stack.add(T.RestApi, "pass-rest", { disableExecuteApiEndpoint: true });
                const domain = restDomain(stack, "rest-domain", "TLS_1_2");
                stack.add(T.BasePathMapping, "rest-mapping", { restApi: rest.out("id"), stageName: "prod", domainName: domain.out("domainName") });
                stack.add(T.RestApi, "pass-unmapped", {});
            },
        },
        {
            name: "Compliance: the OpenAPI body disables the default endpoint of a mapped API",
            resources: [
                resource(T.RestApi, "mapped", { body: JSON.stringify({ openapi: "3.0.1", paths: {}, "x-amazon-apigateway-endpoint-configuration": { disableExecuteApiEndpoint: true } }) }),
                resource(T.BasePathMapping, "mapping", { restApi: "mapped", domainName: "api.example.com" }, { refs: { restApi: ["mapped"] } }),
            ],
        },
    ],
    invalid: [
        {
            name: "Noncompliance 1: a REST API behind a domain, still reachable directly",
            resources: (stack: CanonicalStack) => {
                const rest = stack.add(T.RestApi, "fail-rest", {});
                const domain = restDomain(stack, "rest-domain", "TLS_1_2");
                stack.add(T.BasePathMapping, "rest-mapping", { restApi: rest.out("id"), stageName: "prod", domainName: domain.out("domainName") });
            },
            errors: [{ resource: "fail-rest", path: "disableExecuteApiEndpoint", message: "the API has a custom domain, but its default execute-api endpoint is still reachable" }],
        },
        {
            name: "Noncompliance 2: an HTTP API behind a domain, still reachable directly",
            resources: (stack: CanonicalStack) => {
                const { api } = httpApi(stack, "fail-http");
                const domain = v2Domain(stack, "http-domain", "TLS_1_2");
                stack.add(T.V2ApiMapping, "http-mapping", { apiId: api.out("id"), domainName: domain.out("domainName"), stage: "$default" });
            },
            errors: [{ resource: "fail-http", path: "disableExecuteApiEndpoint", message: "the API has a custom domain, but its default execute-api endpoint is still reachable" }],
        },
        {
            name: "Noncompliance 3: the OpenAPI body leaves the default endpoint on",
            resources: [
                resource(T.RestApi, "mapped", { body: JSON.stringify({ openapi: "3.0.1", paths: {}, "x-amazon-apigateway-endpoint-configuration": { disableExecuteApiEndpoint: false } }) }),
                resource(T.BasePathMapping, "mapping", { restApi: "mapped", domainName: "api.example.com" }, { refs: { restApi: ["mapped"] } }),
            ],
            errors: [{
                resource: "mapped", path: "body#/x-amazon-apigateway-endpoint-configuration/disableExecuteApiEndpoint",
                message: "the API has a custom domain, but its default execute-api endpoint is still reachable",
            }],
        },
    ],
});
