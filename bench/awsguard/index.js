// @pulumi/awsguard with every policy at its default (advisory) level.
const { AwsGuard } = require("@pulumi/awsguard");
new AwsGuard({ all: "advisory" });
