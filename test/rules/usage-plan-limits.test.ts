import * as aws from "@pulumi/aws";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "usage-plan-limits";
const plan = (name: string, args: aws.apigateway.UsagePlanArgs) => new aws.apigateway.UsagePlan(name, args);

ruleSuite(RULE, [
    { name: "Compliance: throttle and quota", program: () => plan("pass", { throttleSettings: { burstLimit: 10, rateLimit: 5 }, quotaSettings: { limit: 1000, period: "DAY" } }), expect: [] },
    { name: "Noncompliance 1: no throttle (burst and rate)", program: () => plan("fail-throttle", { quotaSettings: { limit: 1000, period: "DAY" } }), expect: [`mandatory ${RULE} fail-throttle`, `mandatory ${RULE} fail-throttle`] },
    { name: "Noncompliance 2: a rate of 0", program: () => plan("fail-zero", { throttleSettings: { burstLimit: 10, rateLimit: 0 }, quotaSettings: { limit: 1000, period: "DAY" } }), expect: [`mandatory ${RULE} fail-zero`] },
    { name: "Noncompliance 3: no quota", program: () => plan("fail-quota", { throttleSettings: { burstLimit: 10, rateLimit: 5 } }), expect: [`mandatory ${RULE} fail-quota`] },
]);
