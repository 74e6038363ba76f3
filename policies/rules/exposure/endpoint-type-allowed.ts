import { lit, msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { asList, isUnknown, known } from "../../engine/values";

export default defineRule<{ allowedEndpointTypes: string[] }>({
    id: "endpoint-type-allowed",
    title: "REST APIs and custom domains use an allowed endpoint type",
    description: "REST APIs and REST custom domain names must use one of the configured endpoint types (default "
        + "REGIONAL and PRIVATE). An API without an endpoint configuration is EDGE.",
    rationale: "The endpoint type decides where an API is reachable from and which edge controls apply; organisations "
        + "standardise on REGIONAL (in-region, WAF at the stage) and PRIVATE (VPC only).",
    remediation: "Set `endpointConfiguration: { types: \"REGIONAL\" }` (or PRIVATE), or add the type to "
        + "`allowedEndpointTypes`.",
    area: "exposure",
    severity: "low",
    enforcementLevel: "advisory",
    scope: "resource",
    subjects: [T.RestApi, T.DomainName],
    config: {
        allowedEndpointTypes: {
            type: "array",
            description: "Endpoint types REST APIs and domain names may use.",
            items: { type: "string", enum: ["EDGE", "REGIONAL", "PRIVATE"] },
            default: ["REGIONAL", "PRIVATE"],
        },
    },
    references: {
        controls: ["C18"],
        owasp: ["API8:2023", "API9:2023"],
        awsConfig: ["api-gw-endpoint-type-check"],
        pulumi: ["apigateway-endpoint-type"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-endpoint-types.html"],
    },
    check(subject, ctx) {
        const types = asList(known(subject.props, "endpointConfiguration.types"));
        const effective = types.length === 0 ? ["EDGE"] : types;
        for (const type of effective) {
            if (isUnknown(type)) {
                ctx.unverifiable({ path: "endpointConfiguration.types", message: "the endpoint type is not known during preview" });
                continue;
            }
            if (typeof type === "string" && !ctx.config.allowedEndpointTypes.includes(type.toUpperCase())) {
                ctx.report({
                    path: "endpointConfiguration.types",
                    message: types.length === 0
                        ? msg`no endpoint type is set, so it is EDGE; allowed: ${lit(ctx.config.allowedEndpointTypes.join(", "))}`
                        : msg`endpoint type ${type} is not allowed; allowed: ${lit(ctx.config.allowedEndpointTypes.join(", "))}`,
                });
            }
        }
    },
});
