# An HTTP API that passes every Gatehouse rule, written with plain hashicorp/aws resources:
# a JWT authorizer on every route, CORS limited to the app's origin, access logs to an encrypted
# log group, both throttling values, alarms and a TLS 1.2 custom domain.
# `gatehouse scan examples/terraform/secure-http` reports no finding.

locals {
  tags = { owner = "team-catalog", environment = "prod" }
  # Written out (not read from the function) so IAM documents are known before apply.
  handler_arn = "arn:aws:lambda:us-east-1:123456789012:function:catalog-handler"
}

resource "aws_kms_key" "logs" {
  description         = "API access logs"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/catalog-access"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_iam_role" "handler" {
  name = "catalog-handler"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
}

resource "aws_lambda_function" "handler" {
  function_name = "catalog-handler"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  role          = aws_iam_role.handler.arn
  s3_bucket     = "catalog-artifacts"
  s3_key        = "handler.zip"
}

# API Gateway invokes the handler with this role: trusted by API Gateway only, one action on one function.
resource "aws_iam_role" "invoke" {
  name = "catalog-api-invoke"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "apigateway.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  inline_policy {
    name = "invoke-catalog-handler"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "lambda:InvokeFunction", Resource = "arn:aws:lambda:us-east-1:123456789012:function:catalog-handler" }]
    })
  }
}

resource "aws_apigatewayv2_api" "catalog" {
  name          = "catalog"
  protocol_type = "HTTP"
  # Reached only through the custom domain below.
  disable_execute_api_endpoint = true
  cors_configuration {
    allow_origins = ["https://app.example.com"]
    allow_methods = ["GET"]
  }
  tags = local.tags
}

resource "aws_apigatewayv2_authorizer" "jwt" {
  name             = "catalog-jwt"
  api_id           = aws_apigatewayv2_api.catalog.id
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer    = "https://issuer.example.com/"
    audience  = ["catalog"]
  }
}

resource "aws_apigatewayv2_integration" "handler" {
  api_id                 = aws_apigatewayv2_api.catalog.id
  integration_type       = "AWS_PROXY"
  integration_uri        = local.handler_arn
  payload_format_version = "2.0"
  credentials_arn        = aws_iam_role.invoke.arn
}

resource "aws_apigatewayv2_route" "list" {
  api_id             = aws_apigatewayv2_api.catalog.id
  route_key          = "GET /items"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.jwt.id
  target             = "integrations/${aws_apigatewayv2_integration.handler.id}"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.catalog.id
  name        = "$default"
  auto_deploy = true
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId       = "$context.requestId"
      sourceIp        = "$context.identity.sourceIp"
      caller          = "$context.identity.caller"
      requestTime     = "$context.requestTime"
      httpMethod      = "$context.httpMethod"
      path            = "$context.path"
      status          = "$context.status"
      responseLatency = "$context.responseLatency"
    })
  }
  # Both values, always: setting one lets the other default to 0, and every request gets a 429.
  default_route_settings {
    throttling_burst_limit = 200
    throttling_rate_limit  = 400
  }
  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "default_5xx" {
  alarm_name          = "catalog-default-5xx"
  namespace           = "AWS/ApiGateway"
  metric_name         = "5xx"
  dimensions          = { ApiId = aws_apigatewayv2_api.catalog.id, Stage = aws_apigatewayv2_stage.default.name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 10
  comparison_operator = "GreaterThanThreshold"
}

resource "aws_cloudwatch_metric_alarm" "default_4xx" {
  alarm_name          = "catalog-default-4xx"
  namespace           = "AWS/ApiGateway"
  metric_name         = "4xx"
  dimensions          = { ApiId = aws_apigatewayv2_api.catalog.id, Stage = aws_apigatewayv2_stage.default.name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 10
  comparison_operator = "GreaterThanThreshold"
}

resource "aws_cloudwatch_metric_alarm" "default_latency" {
  alarm_name          = "catalog-default-latency"
  namespace           = "AWS/ApiGateway"
  metric_name         = "Latency"
  dimensions          = { ApiId = aws_apigatewayv2_api.catalog.id, Stage = aws_apigatewayv2_stage.default.name }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 1
  threshold           = 2000
  comparison_operator = "GreaterThanThreshold"
}

resource "aws_acm_certificate" "catalog" {
  domain_name       = "catalog.example.com"
  validation_method = "DNS"
}

resource "aws_apigatewayv2_domain_name" "catalog" {
  domain_name = "catalog.example.com"
  domain_name_configuration {
    certificate_arn = aws_acm_certificate.catalog.arn
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}

resource "aws_apigatewayv2_api_mapping" "catalog" {
  api_id      = aws_apigatewayv2_api.catalog.id
  domain_name = aws_apigatewayv2_domain_name.catalog.domain_name
  stage       = aws_apigatewayv2_stage.default.name
}
