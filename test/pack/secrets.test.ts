import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { catalog } from "../../policies/catalog";
import { apiRole, httpApi, restApi, restDomain } from "../fixtures/stacks";
import { MODES, resourceName, usePack } from "../helpers/pack";

/** Values a program marks secret; none may appear in any diagnostic. */
const SECRETS = ["DELETE", "GET /very-secret-admin-path", "/very-secret-admin-path", "TLS_1_0", "kms:ScheduleKeyDeletion",
    "HiddenStatementSid", "items/DELETE"];

function program(): void {
    const { api } = restApi("secret-rest", {
        methodOverrides: [{ methodPath: pulumi.secret("items/DELETE") as unknown as string, settings: { loggingLevel: "INFO", dataTraceEnabled: true } }],
    });
    new aws.apigateway.Method("secret-method", {
        restApi: api.id,
        resourceId: api.rootResourceId,
        httpMethod: pulumi.secret("DELETE"),
        authorization: "NONE",
    });
    const http = httpApi("secret-http");
    new aws.apigatewayv2.Route("secret-route", { apiId: http.id, routeKey: pulumi.secret("GET /very-secret-admin-path") });
    restDomain("secret-domain", pulumi.secret("TLS_1_0"));
    apiRole("secret-role", {
        inlinePolicy: pulumi.secret(JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Sid: "HiddenStatementSid", Effect: "Allow", Action: "kms:ScheduleKeyDeletion", Resource: "*" }],
        })),
    });
}

describe("secret values", () => {
    test("the secrets used here appear in no rule's own text (else no redaction could hide them)", () => {
        for (const rule of catalog) {
            const text = [rule.title, rule.description, rule.rationale, rule.remediation].join(" ");
            for (const secret of SECRETS) {
                assert.ok(!text.includes(secret), `${rule.id} mentions ${secret}`);
            }
        }
    });

    const pack = usePack();
    for (const mode of MODES) {
        test(`never appear in a diagnostic, and do not silence the finding (${mode})`, async () => {
            const run = await pack.run(program, mode);
            const secretRelated = run.diagnostics.filter((d) => resourceName(d.urn).startsWith("secret-"));
            const found = secretRelated
                .filter((d) => ["api-gateway-role-least-privilege", "custom-domain-tls", "data-trace-disabled", "rest-method-authorization", "v2-route-authorization"].includes(d.policyName))
                .map((d) => `${d.policyName} ${resourceName(d.urn)}`).sort();
            assert.deepEqual(found, [
                "api-gateway-role-least-privilege secret-role",
                "custom-domain-tls secret-domain",
                "data-trace-disabled secret-rest-override-1",
                "rest-method-authorization secret-method",
                "v2-route-authorization secret-route",
            ]);
            for (const diagnostic of run.diagnostics) {
                const text = `${diagnostic.description}\n${diagnostic.message}`;
                for (const secret of SECRETS) {
                    assert.ok(!text.includes(secret), `${diagnostic.policyName} printed the secret ${secret}: ${text}`);
                }
            }
            for (const diagnostic of secretRelated.filter((d) => d.policyName !== "rest-method-authorization" || d.message.includes("authorization"))) {
                if (found.includes(`${diagnostic.policyName} ${resourceName(diagnostic.urn)}`)) {
                    assert.ok(diagnostic.message.includes("[secret]"), `${diagnostic.policyName} marks where a secret was: ${diagnostic.message}`);
                }
            }
        });
    }

    test("the same values are printed when they are not secret", async () => {
        const run = await pack.run(() => restDomain("plain-domain", "TLS_1_0"), "up");
        const tls = run.diagnostics.filter((d) => d.policyName === "custom-domain-tls");
        assert.equal(tls.length, 1);
        assert.match(tls[0].message, /security policy TLS_1_0 accepts TLS 1\.0/);
    });
});
