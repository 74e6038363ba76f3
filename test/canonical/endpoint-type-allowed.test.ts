import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { restDomain } from "./builders";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "endpoint-type-allowed")!;

ruleTester(rule, {
    valid: [
        {
            name: "Compliance: REGIONAL and PRIVATE",
            resources: (stack: CanonicalStack) => {
                stack.add(T.RestApi, "pass-regional", { endpointConfiguration: { types: ["REGIONAL"] } });
                stack.add(T.RestApi, "pass-private", { endpointConfiguration: { types: ["PRIVATE"] } });
            },
        },
        { name: "Compliance: EDGE allowed by configuration", resources: (stack: CanonicalStack) => stack.add(T.RestApi, "pass-edge", {}), config: { allowedEndpointTypes: ["EDGE", "REGIONAL"] } },
    ],
    invalid: [
        { name: "Noncompliance 1: no endpoint configuration means EDGE", resources: (stack: CanonicalStack) => stack.add(T.RestApi, "fail-default", {}), errors: [{ resource: "fail-default", path: "endpointConfiguration.types", message: "no endpoint type is set, so it is EDGE; allowed: REGIONAL, PRIVATE", level: "advisory" }] },
        {
            name: "Noncompliance 2: an EDGE domain name",
            resources: (stack: CanonicalStack) => restDomain(stack, "fail-edge-domain", "TLS_1_2", { endpointConfiguration: { types: ["EDGE"] } }),
            errors: [{ resource: "fail-edge-domain", path: "endpointConfiguration.types", message: "endpoint type EDGE is not allowed; allowed: REGIONAL, PRIVATE", level: "advisory" }],
        },
    ],
});
