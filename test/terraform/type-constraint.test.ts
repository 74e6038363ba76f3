import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { UNKNOWN_STRING } from "../../policies/engine/values";
import { convertToConstraint, typeConstraint, TypeConstraint } from "../../policies/terraform/type-constraint";

const U = UNKNOWN_STRING;

function typed(text: string): TypeConstraint {
    const type = typeConstraint(text);
    assert.ok(type, `${text} is a type constraint`);
    return type;
}

describe("a variable's type constraint, applied as Terraform applies it", () => {
    test("optional() attributes a caller leaves out or sets to null read as null or the default, through collections", () => {
        const routes = typed(`map(object({
            authorization_type = optional(string)
            api_key_required   = optional(bool, false) # a comment inside the type
            integration = object({
              type       = optional(string, "AWS_PROXY")
              timeout_ms = optional(number)
              tls_config = optional(object({ server_name = optional(string) }))
            })
            route_response = optional(object({ key = optional(string, "$default") }), {})
            scopes = optional(list(string), [])
          }))`);
        const given = {
            "GET /a": { authorization_type: "JWT", integration: { uri: "u", timeout_ms: "3000" } },
            "GET /b": { api_key_required: null, integration: { type: "HTTP_PROXY", tls_config: {} }, extra: "dropped" },
        };
        assert.deepEqual(convertToConstraint(given, routes), {
            "GET /a": {
                authorization_type: "JWT", api_key_required: false,
                // `uri` is not declared: Terraform drops it (a module reading it would not plan).
                integration: { type: "AWS_PROXY", timeout_ms: 3000, tls_config: null },
                route_response: { key: "$default" }, scopes: [],
            },
            "GET /b": {
                authorization_type: null, api_key_required: false,
                integration: { type: "HTTP_PROXY", timeout_ms: null, tls_config: { server_name: null } },
                route_response: { key: "$default" }, scopes: [],
            },
        });
    });

    test("primitives convert from their text; unknowns, partly known text and values of the wrong shape stay as given", () => {
        assert.equal(convertToConstraint("42", typed("number")), 42);
        assert.equal(convertToConstraint("true", typed("bool")), true);
        assert.equal(convertToConstraint(7, typed("string")), "7");
        assert.equal(convertToConstraint(U, typed("object({ a = optional(string, \"x\") })")), U);
        assert.equal(convertToConstraint(`${U}5`, typed("number")), `${U}5`);
        assert.equal(convertToConstraint("many", typed("number")), "many");
        assert.deepEqual(convertToConstraint({ a: U }, typed("object({ a = optional(string, \"x\"), b = optional(number, 2) })")), { a: U, b: 2 });
        assert.deepEqual(convertToConstraint(["1", "2"], typed("tuple([number, string])")), [1, "2"]);
        assert.deepEqual(convertToConstraint([{}], typed("list(object({ n = optional(number, 1) }))")), [{ n: 1 }]);
        assert.equal(convertToConstraint("not a list", typed("list(string)")), "not a list");
        assert.equal(convertToConstraint(null, typed("object({ a = optional(string, \"x\") })")), null);
        assert.deepEqual(convertToConstraint({ k: { a: 1 } }, typed("any")), { k: { a: 1 } });
    });

    test("text that is not a type constraint is not one: the value is used as given", () => {
        assert.equal(typeConstraint("map(object({"), undefined);
        assert.equal(typeConstraint("object({ (var.name) = string })"), undefined);
        assert.equal(typeConstraint("optional(string)"), undefined);
        assert.equal(typeConstraint("strings"), undefined);
    });
});
