/**
 * A CDKTF app built with Gatehouse's hardened constructs, checked at synth by GatehouseAspect:
 * a REST API (Cognito authorization, CORS, a custom domain, a metered usage plan), an HTTP API
 * (JWT authorization, a custom domain) and a WebSocket API (a Lambda authorizer on `$connect`). Synth passes with no finding; `cdktf.out` then also scans
 * clean with `gatehouse scan` and plans offline with terraform.
 */
import { App, Aspects, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AwsProvider, GatehouseAspect, SecureHttpApi, SecureRestApi, SecureWebSocketApi } from "gatehouse-apigw/cdktf";

const ACCOUNT = "123456789012";
const tags = { owner: "team-orders", environment: "prod" };

class OrdersStack extends TerraformStack {
    readonly api: SecureRestApi;

    constructor(scope: Construct, id: string) {
        super(scope, id);
        new AwsProvider(this, "aws", { region: "us-east-1" });
        this.api = new SecureRestApi(this, "orders", {
            tags,
            routes: [
                { method: "GET", path: "/orders", handler: { arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-list` } },
                { method: "POST", path: "/orders", handler: { arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-create` }, apiKeyRequired: true },
            ],
            authorizer: { cognito: { userPoolArns: [`arn:aws:cognito-idp:us-east-1:${ACCOUNT}:userpool/us-east-1_Orders01`] } },
            cors: { allowOrigin: "https://app.example.com" },
            domain: { args: { domainName: "orders.example.com", certificate: { args: {} } } },
            usagePlans: [{ name: "partners", apiKeys: ["partner-a"] }],
        });
    }
}

class CatalogStack extends TerraformStack {
    readonly api: SecureHttpApi;

    constructor(scope: Construct, id: string) {
        super(scope, id);
        new AwsProvider(this, "aws", { region: "us-east-1" });
        this.api = new SecureHttpApi(this, "catalog", {
            tags: { ...tags, owner: "team-catalog" },
            routes: [{ method: "GET", path: "/items", handler: { arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:catalog-list` } }],
            authorizer: { jwt: { issuer: "https://issuer.example.com/", audiences: ["catalog"] } },
            cors: { allowOrigins: ["https://app.example.com"] },
            domain: { args: { domainName: "catalog.example.com", certificate: { args: {} } } },
        });
    }
}

class ChatStack extends TerraformStack {
    readonly api: SecureWebSocketApi;

    constructor(scope: Construct, id: string) {
        super(scope, id);
        new AwsProvider(this, "aws", { region: "us-east-1" });
        const messages = { arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:chat-messages` };
        this.api = new SecureWebSocketApi(this, "chat", {
            tags: { ...tags, owner: "team-chat" },
            authorizer: { lambda: { handler: { arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:chat-authorizer` } } },
            routes: [
                { routeKey: "$disconnect", handler: messages },
                { routeKey: "sendMessage", handler: messages },
            ],
        });
    }
}

/** Builds the app, checked by the aspect. */
export function secureApp(outdir: string, aspect = new GatehouseAspect()): App {
    const app = new App({ outdir });
    // On each stack: cdktf applies aspects from a stack down, never those added to the App.
    for (const stack of [new OrdersStack(app, "orders"), new CatalogStack(app, "catalog"), new ChatStack(app, "chat")]) {
        Aspects.of(stack).add(aspect);
    }
    return app;
}

if (require.main === module) {
    secureApp(process.argv[2] ?? "cdktf.out").synth();
}
