import * as aws from "@pulumi/aws";
import { restApi, webSocketApi } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "stage-client-certificate";

function withHttpBackend(name: string, clientCertificate: boolean) {
    const { api } = restApi(name, { clientCertificate });
    new aws.apigateway.Integration(`${name}-http`, { restApi: api.id, resourceId: api.rootResourceId, httpMethod: "GET", type: "HTTP_PROXY", integrationHttpMethod: "GET", uri: "https://backend.example.com/" });
}

ruleSuite(RULE, [
    { name: "Compliance: MOCK/Lambda-only APIs need no certificate; HTTP backends get one", program: () => { restApi("pass-mock"); withHttpBackend("pass-http", true); }, expect: [] },
    { name: "Noncompliance 1: an HTTP backend without a certificate", program: () => withHttpBackend("fail-http", false), expect: [`advisory ${RULE} fail-http-stage`] },
    { name: "Noncompliance 2: every stage when configuration requires it", program: () => restApi("fail-all"), config: { [RULE]: { requireForAllStages: true } }, expect: [`advisory ${RULE} fail-all-stage`] },
    {
        name: "Noncompliance 3: a WebSocket API with an HTTP backend",
        program: () => {
            const api = webSocketApi("fail-socket");
            new aws.apigatewayv2.Integration("fail-socket-http", { apiId: api.id, integrationType: "HTTP_PROXY", integrationMethod: "POST", integrationUri: "https://backend.example.com/" });
        },
        expect: [`advisory ${RULE} fail-socket-stage`],
    },
]);
