import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { HIDDEN_PLACEHOLDER, lit, msg, render, SECRET_PLACEHOLDER } from "../../policies/engine/message";

describe("message rendering", () => {
    test("prints interpolated values plainly when nothing is secret", () => {
        assert.equal(render(msg`policy ${"TLS_1_0"} on ${3} domains, ${""}`, new Set()), 'policy TLS_1_0 on 3 domains, ""');
    });

    test("replaces a secret value, a value containing a secret, and a secret in free text", () => {
        const secrets = new Set(["hunter22", "7"]);
        assert.equal(render(msg`key ${"hunter22"}`, secrets), `key ${SECRET_PLACEHOLDER}`);
        assert.equal(render(msg`url ${"https://x/hunter22/y"}`, secrets), `url ${SECRET_PLACEHOLDER}`);
        assert.equal(render(msg`limit ${7}`, secrets), `limit ${SECRET_PLACEHOLDER}`);
        assert.equal(render("leaked hunter22 here", secrets), `leaked ${SECRET_PLACEHOLDER} here`);
    });

    test("a secret inside a structured value is found in every leaf, and in its JSON-escaped form", () => {
        const secrets = new Set(['tok"en-1234']);
        assert.equal(render(msg`value ${["x", { deep: 'tok"en-1234' }]}`, secrets), `value ${SECRET_PLACEHOLDER}`);
        assert.equal(render('leaked ["tok\\"en-1234"]', secrets), `leaked ["${SECRET_PLACEHOLDER}"]`);
    });

    test("short secrets are only matched as whole values, so rule text is not mangled", () => {
        assert.equal(render(msg`statement ${7} allows 17 actions`, new Set(["7"])), `statement ${SECRET_PLACEHOLDER} allows 17 actions`);
    });

    test("hides every value when secrecy is unknown, but prints rule-authored literals", () => {
        assert.equal(render(msg`the ${lit("rate limit")} ${0} is too low`, undefined), `the rate limit ${HIDDEN_PLACEHOLDER} is too low`);
    });
});
