import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { evaluateJson, ExpressionError, NOT_A_ROOT, Scope } from "../../policies/terraform/hcl-eval";
import { UNKNOWN_STRING } from "../../policies/engine/values";

const U = UNKNOWN_STRING;

/** A scope with `var`, `local` and `count` values, recording the resources referred to. */
function scopeOf(roots: Record<string, unknown> = {}): Scope & { referred: string[] } {
    const referred: string[] = [];
    return {
        referred,
        root: (name) => (name in roots ? roots[name] : NOT_A_ROOT),
        reference: (address) => referred.push(address),
    };
}

describe("Terraform expressions, evaluated before plan", () => {
    test("literals and jsonencode are what Terraform computes; `$${` is a literal", () => {
        assert.equal(evaluateJson("${jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", \"Action\" : [\"a:b\"], n = 1.5, t = true, z = null }] })}", scopeOf()),
            JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["a:b"], n: 1.5, t: true, z: null }] }));
        assert.equal(evaluateJson("${jsonencode({\n  # comment\n  a = \"x\"\n  b = [\"y\", \"z\"]\n})}", scopeOf()), JSON.stringify({ a: "x", b: ["y", "z"] }));
        assert.equal(evaluateJson("${jsonencode({ a = \"$${literal}\" })}", scopeOf()), JSON.stringify({ a: "${literal}" }));
        assert.equal(evaluateJson("plain $${not} text", scopeOf()), "plain ${not} text");
    });

    test("a reference to a resource is unknown, recorded, and a template keeps the known parts around it", () => {
        const scope = scopeOf();
        assert.equal(evaluateJson("${jsonencode({ Resource = aws_lambda_function.f.arn })}", scope), JSON.stringify({ Resource: U }));
        assert.equal(evaluateJson("${aws_api_gateway_rest_api.api.execution_arn}/*/GET/orders", scope), `arn:aws:execute-api:${U}:${U}:${U}/*/GET/orders`);
        assert.equal(evaluateJson("${aws_api_gateway_stage.s[\"prod\"].execution_arn}/*", scope), `arn:aws:execute-api:${U}:${U}:${U}/${U}/*`);
        assert.deepEqual(scope.referred, ["aws_lambda_function.f", "aws_api_gateway_rest_api.api", "aws_api_gateway_stage.s[\"prod\"]"]);
    });

    test("a resource whose instances are known reads its configured values; what it does not set is unknown", () => {
        const configured: Record<string, unknown> = {
            "aws_cloudwatch_log_group.access": [{ name: "/aws/apigateway/access" }],
            "aws_api_gateway_domain_name.d": { "a.example.com": { domain_name: "a.example.com" }, "b.example.com": { domain_name: "b.example.com" } },
            "aws_api_gateway_domain_name.none": {},
            "aws_api_gateway_rest_api.api": { name: "orders" },
            "aws_api_gateway_stage.many": U,
        };
        const scope = { ...scopeOf(), resource: (type: string, name: string) => configured[`${type}.${name}`] };
        assert.equal(evaluateJson("${aws_cloudwatch_log_group.access[0].name}", scope), "/aws/apigateway/access");
        assert.equal(evaluateJson("${length(aws_cloudwatch_log_group.access)}", scope), 1);
        assert.equal(evaluateJson("${aws_cloudwatch_log_group.access[0].arn}", scope), U);
        assert.deepEqual(evaluateJson("${aws_cloudwatch_log_group.access[*].name}", scope), ["/aws/apigateway/access"]);
        assert.deepEqual(evaluateJson("${[for key, domain in aws_api_gateway_domain_name.d : domain.domain_name]}", scope), ["a.example.com", "b.example.com"]);
        assert.equal(evaluateJson("${aws_api_gateway_domain_name.d[\"b.example.com\"].domain_name}", scope), "b.example.com");
        assert.deepEqual(evaluateJson("${aws_api_gateway_domain_name.none}", scope), {});
        assert.equal(evaluateJson("${aws_api_gateway_rest_api.api.name}", scope), "orders");
        // A documented shape still stands in for a computed attribute the configuration cannot set.
        assert.equal(evaluateJson("${aws_api_gateway_rest_api.api.execution_arn}/*/GET/orders", scope), `arn:aws:execute-api:${U}:${U}:${U}/*/GET/orders`);
        // Instances known only after plan, and resources the scope does not know, stay unknown.
        assert.equal(evaluateJson("${length(aws_api_gateway_stage.many)}", scope), U);
        assert.equal(evaluateJson("${aws_lambda_function.elsewhere.function_name}", scope), U);
        assert.deepEqual(scope.referred, ["aws_cloudwatch_log_group.access[0]", "aws_cloudwatch_log_group.access", "aws_cloudwatch_log_group.access[0]",
            "aws_cloudwatch_log_group.access", "aws_api_gateway_domain_name.d", "aws_api_gateway_domain_name.d[\"b.example.com\"]", "aws_api_gateway_domain_name.none",
            "aws_api_gateway_rest_api.api", "aws_api_gateway_rest_api.api", "aws_api_gateway_stage.many", "aws_lambda_function.elsewhere"]);
    });

    test("variables, locals, conditionals, operators and a single interpolation keep their types", () => {
        const scope = scopeOf({ var: { enabled: false, n: 3, tls: null, envs: { dev: { t: false }, prod: { t: true } } }, local: { team: "orders" }, count: { index: 1 } });
        assert.equal(evaluateJson("${var.enabled ? 1 : 0}", scope), 0);
        assert.equal(evaluateJson("${var.tls != null ? 1 : 0}", scope), 0);
        assert.equal(evaluateJson("${var.n * 2 + count.index}", scope), 7);
        assert.equal(evaluateJson("${!var.enabled && var.n >= 3}", scope), true);
        assert.equal(evaluateJson("team-${local.team}-${count.index}", scope), "team-orders-1");
        assert.equal(evaluateJson("${var.missing}", scope), U);
        assert.equal(evaluateJson("${var.unknown_flag ? \"a\" : \"b\"}", scopeOf({ var: { unknown_flag: U } })), U);
        assert.equal(evaluateJson("%{if var.enabled}on%{else}off%{endif}", scope), "off");
        assert.equal(evaluateJson("%{for k, v in var.envs}${k}=${v.t};%{endfor}", scope), "dev=false;prod=true;");
    });

    test("for expressions, splats and the common functions", () => {
        const scope = scopeOf({ var: { names: ["b", "a", "b"], m: { x: 1, y: 2 }, blocks: [{ id: "p" }, { id: "q" }] } });
        assert.deepEqual(evaluateJson("${[for s in var.names : upper(s) if s != \"a\"]}", scope), ["B", "B"]);
        assert.deepEqual(evaluateJson("${{ for k, v in var.m : k => v * 10 }}", scope), { x: 10, y: 20 });
        assert.deepEqual(evaluateJson("${var.blocks[*].id}", scope), ["p", "q"]);
        assert.deepEqual(evaluateJson("${toset(var.names)}", scope), ["a", "b"]);
        assert.deepEqual(evaluateJson("${merge(var.m, { z = 3 })}", scope), { x: 1, y: 2, z: 3 });
        assert.deepEqual(evaluateJson("${concat(var.names, [\"c\"])}", scope), ["b", "a", "b", "c"]);
        assert.equal(evaluateJson("${lookup(var.m, \"q\", 9)}", scope), 9);
        // A missing attribute reads as unknown (optional attributes are not modelled), and try() keeps an unknown.
        assert.equal(evaluateJson("${try(var.m.nope.deeper, \"fallback\")}", scope), U);
        assert.equal(evaluateJson("${try(tonumber(\"x\"), 7)}", scope), 7);
        assert.equal(evaluateJson("${coalesce(\"\", \"x\")}", scope), "x");
        assert.equal(evaluateJson("${format(\"%s/*/%s\", aws_api_gateway_rest_api.a.execution_arn, \"GET\")}", scope), `arn:aws:execute-api:${U}:${U}:${U}/*/GET`);
        assert.equal(evaluateJson("${join(\",\", var.names)}", scope), "b,a,b");
        assert.equal(evaluateJson("${length(keys(var.m))}", scope), 2);
        assert.equal(evaluateJson("${tonumber(\"5\") + 1}", scope), 6);
        assert.equal(evaluateJson("${an_unknown_function(1)}", scope), U);
    });

    test("Noncompliance: malformed expressions are errors Terraform would report too", () => {
        assert.throws(() => evaluateJson("${var.a +}", scopeOf()), ExpressionError);
        assert.throws(() => evaluateJson("${[1, 2}", scopeOf()), ExpressionError);
        assert.throws(() => evaluateJson("%{if true}never closed", scopeOf()), ExpressionError);
    });
});
