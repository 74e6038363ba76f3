import { catalog } from "../../policies/catalog";
import { makeResource } from "../../policies/engine/resource";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { restApi } from "./builders";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "replacement-availability")!;

ruleTester(rule, {
    valid: [{ name: "Compliance: Pulumi replaces before deleting by default", resources: (stack: CanonicalStack) => restApi(stack, "pass") }],
    invalid: [{
        name: "Noncompliance 1: a REST API deleted before its replacement exists",
        resources: [makeResource({ type: T.RestApi, name: "fail-api", props: {}, origin: { frontEnd: "pulumi" }, options: { deleteBeforeReplace: true } })],
        errors: [{ resource: "fail-api", message: "a replacement deletes the old resource before the new one exists", level: "advisory" }],
    }],
});
