/**
 * `gatehouse inventory` over every bundled example (Terraform folders, Pulumi programs as stack
 * exports, synthesized CDKTF apps): every endpoint with its authorization, in each format; the
 * HTML page rendered in headless Chromium with no network.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import Ajv from "ajv";
import { exampleInputs, ExampleInputs } from "../harness/examples";

const ROOT = path.resolve(__dirname, "../../..");
const BIN = path.join(ROOT, "dist/policies/scan/cli.js");
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((candidate) => existsSync(candidate));

function gatehouse(...args: string[]) {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Which example an input path belongs to. */
function exampleOf(input: string): string {
    const relative = path.relative(path.join(ROOT, "examples"), input);
    if (!relative.startsWith("..")) {
        return relative.split(path.sep).slice(0, 2).join("/");
    }
    const match = /([a-z-]+)(?:\.stack\.json|[\\/]cdktf\.out)/.exec(input);
    return match ? match[1] : input;
}

/** Every endpoint the examples define, by example: what a reader of their sources finds. */
const EXPECTED = [
    "cdktf-insecure HTTP GET /items NONE",
    "cdktf-insecure REST GET /items NONE",
    "cdktf-secure HTTP GET /items JWT",
    "cdktf-secure REST GET /orders COGNITO_USER_POOLS",
    "cdktf-secure REST OPTIONS /orders NONE",
    "cdktf-secure REST POST /orders COGNITO_USER_POOLS",
    "cdktf-secure WEBSOCKET $connect CUSTOM",
    "cdktf-secure WEBSOCKET $disconnect CUSTOM (via $connect)",
    "cdktf-secure WEBSOCKET sendMessage CUSTOM (via $connect)",
    "compliant HTTP GET /items JWT",
    "compliant REST GET /orders COGNITO_USER_POOLS",
    "compliant REST OPTIONS /orders NONE",
    "compliant WEBSOCKET $connect CUSTOM",
    "compliant WEBSOCKET $default CUSTOM (via $connect)",
    "compliant WEBSOCKET subscribe CUSTOM (via $connect)",
    "insecure HTTP GET /items NONE",
    "insecure REST GET /items NONE",
    "secure-http-api HTTP GET /items JWT",
    "secure-http-api HTTP GET /items/{id} JWT",
    "secure-http-api HTTP POST /items JWT",
    "secure-rest-api REST GET /orders COGNITO_USER_POOLS",
    "secure-rest-api REST GET /orders/{id} COGNITO_USER_POOLS",
    "secure-rest-api REST OPTIONS /orders NONE",
    "secure-rest-api REST OPTIONS /orders/{id} NONE",
    "secure-rest-api REST POST /orders COGNITO_USER_POOLS",
    "secure-websocket-api WEBSOCKET $connect CUSTOM",
    "secure-websocket-api WEBSOCKET $disconnect CUSTOM (via $connect)",
    "secure-websocket-api WEBSOCKET sendMessage CUSTOM (via $connect)",
    "terraform/insecure-http HTTP GET /items NONE",
    "terraform/insecure-rest REST GET /items NONE",
    "terraform/secure-http HTTP GET /items JWT",
    "terraform/secure-rest REST GET /orders COGNITO_USER_POOLS",
    "terraform/secure-rest REST OPTIONS /orders NONE",
];

describe("gatehouse inventory over examples/", () => {
    let inputs: ExampleInputs;
    let report: any;
    before(async () => {
        inputs = await exampleInputs(mkdtempSync(path.join(os.tmpdir(), "gatehouse-inventory-")));
        const result = gatehouse("inventory", ...inputs.paths, "--format", "json");
        assert.equal(result.code, 0, result.stderr);
        report = JSON.parse(result.stdout);
    });

    test("every endpoint of every example is listed with its authorization", () => {
        const listed = report.endpoints.map((row: any) => `${exampleOf(row.input)} ${row.kind} ${row.endpoint} ${row.authorization}`).sort();
        assert.deepEqual(listed, EXPECTED);
    });

    test("the JSON validates against docs/inventory.schema.json; the scan report embeds the same endpoints with --endpoints, and only then", () => {
        const schema = JSON.parse(readFileSync(path.join(ROOT, "docs/inventory.schema.json"), "utf8"));
        const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
        assert.ok(validate({ ...report }), JSON.stringify(validate.errors, null, 2));
        const scan = JSON.parse(gatehouse("scan", ...inputs.paths, "--format", "json", "--fail-on", "none", "--endpoints").stdout);
        assert.deepEqual(scan.endpoints, report.endpoints);
        const plain = JSON.parse(gatehouse("scan", ...inputs.paths, "--format", "json", "--fail-on", "none").stdout);
        assert.equal(plain.endpoints, undefined);
        assert.deepEqual(plain.findings, scan.findings);
        const misuse = gatehouse("scan", ...inputs.paths, "--endpoints");
        assert.equal(misuse.code, 2);
        assert.match(misuse.stderr, /--endpoints adds the endpoint inventory to the JSON report: use it with --format json/);
    });

    test("the summary counts unauthenticated endpoints without CORS preflights, and failing ones", () => {
        assert.deepEqual(report.summary, { apis: 17, endpoints: EXPECTED.length, unauthenticated: 6, public: EXPECTED.length, failing: 6 });
        const legacy = report.endpoints.find((row: any) => exampleOf(row.input) === "terraform/insecure-rest");
        assert.equal(legacy.apiKeyRequired, true, "an API key alone: still unauthenticated");
        assert.deepEqual(legacy.failingRules, ["rest-method-authorization"]);
        assert.deepEqual(legacy.waf, []);
        const http = report.endpoints.find((row: any) => exampleOf(row.input) === "terraform/secure-http");
        assert.equal(http.waf, null, "WAF cannot be associated with HTTP APIs");
        assert.deepEqual(http.throttling, ["$default: 200 burst, 400/s (stage)"]);
        const orders = report.endpoints.find((row: any) => exampleOf(row.input) === "terraform/secure-rest" && row.endpoint === "GET /orders");
        assert.deepEqual(orders.throttling, ["prod: 500 burst, 1000/s (stage)", "usage plan partners: 100 burst, 50/s"]);
        assert.deepEqual(orders.waf, ["orders"]);
        assert.deepEqual(orders.accessLogging, ["prod"]);
    });

    test("text and Markdown list one row per endpoint", () => {
        const text = gatehouse("inventory", ...inputs.paths);
        assert.equal(text.code, 0);
        assert.match(text.stdout, new RegExp(`${EXPECTED.length} endpoints in 17 APIs: 6 unauthenticated`));
        const markdown = gatehouse("inventory", ...inputs.paths, "--format", "markdown").stdout;
        const rows = markdown.split("\n").filter((line) => line.startsWith("| "));
        assert.equal(rows.length, EXPECTED.length + 2, "a header, a separator and a row per endpoint");
        assert.ok(rows.every((row) => row.split(/(?<!\\)\|/).length === rows[0].split(/(?<!\\)\|/).length), "every row has every column");
    });

    describe("the HTML page in headless Chromium", { skip: CHROMIUM ? false : "Debian's chromium is not installed (apt-get install chromium): the browser check is skipped" }, () => {
        let browser: any;
        let page: any;
        const requests: string[] = [];
        const file = path.join(mkdtempSync(path.join(os.tmpdir(), "gatehouse-html-")), "inventory.html");
        before(async () => {
            assert.equal(gatehouse("inventory", ...inputs.paths, "--format", "html", "--output", file).code, 0);
            const { chromium } = await import("playwright-core");
            browser = await chromium.launch({
                executablePath: CHROMIUM,
                args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
            page.on("request", (request: any) => requests.push(request.url()));
            await page.goto(`file://${file}`);
        });
        after(async () => {
            await browser?.close();
        });

        test("it renders every endpoint as a table row, and asks the network for nothing", async () => {
            assert.equal(await page.locator("#endpoints tbody tr").count(), EXPECTED.length);
            assert.equal(await page.locator("#shown").textContent(), `${EXPECTED.length} of ${EXPECTED.length} endpoints shown`);
            assert.deepEqual(requests.filter((url) => !url.startsWith("file://")), []);
            const screenshot = process.env["GATEHOUSE_SCREENSHOT"] ?? path.join(path.dirname(file), "inventory.png");
            await page.screenshot({ path: screenshot, fullPage: true });
            assert.ok(statSync(screenshot).size > 10_000, "a screenshot of the rendered page");
            assert.deepEqual([...readFileSync(screenshot).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
        });

        test("\"Unauthenticated only\" leaves exactly the unauthenticated endpoints, and the search narrows further", async () => {
            await page.check("#only-unauthenticated");
            const visible = await page.locator("#endpoints tbody tr:not([hidden])").evaluateAll((rows: any[]) => rows.map((row) => row.cells[3].textContent + " " + row.cells[5].textContent));
            const expected = report.endpoints.filter((row: any) => /^NONE\b/.test(row.authorization) && !row.corsPreflight)
                .map((row: any) => `${row.endpoint} ${row.authorization}`);
            assert.deepEqual(visible.sort(), expected.sort());
            await page.fill("#search", "legacy");
            assert.equal(await page.locator("#endpoints tbody tr:not([hidden])").count(), 3, "the legacy REST API of three examples");
            await page.fill("#search", "");
            await page.uncheck("#only-unauthenticated");
            await page.check("#only-public");
            assert.equal(await page.locator("#endpoints tbody tr:not([hidden])").count(), EXPECTED.length, "no example API is PRIVATE");
        });

        test("a click on a header sorts by that column, a second click reverses it", async () => {
            const header = page.locator("#endpoints thead th", { hasText: /^Endpoint$/ });
            await header.click();
            const endpoints = () => page.locator("#endpoints tbody tr").evaluateAll((rows: any[]) => rows.map((row) => row.cells[3].textContent));
            const ascending = await endpoints();
            assert.deepEqual(ascending, [...ascending].sort());
            await header.click();
            assert.deepEqual(await endpoints(), [...ascending].reverse());
            assert.equal(await header.getAttribute("aria-sort"), "descending");
        });
    });
});
