# The REST half of examples/insecure, in Terraform: the stack most teams start from. It works, and
# `gatehouse scan examples/terraform/insecure-rest` reports the same rules the Pulumi pack reports
# for examples/insecure.

resource "aws_iam_role" "handler" {
  name = "legacy-handler"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_lambda_function" "handler" {
  function_name = "legacy-handler"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  role          = aws_iam_role.handler.arn
  s3_bucket     = "legacy-artifacts"
  s3_key        = "handler.zip"
}

# An integration role "that just works": every action on everything.
resource "aws_iam_role" "integration" {
  name = "legacy-integration"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "apigateway.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  inline_policy {
    name   = "everything"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
  }
}

# REST API: public (EDGE by default), no authorization, no logs, no throttling, no WAF.
resource "aws_api_gateway_rest_api" "legacy" {
  name = "legacy"
  # Replacements create first, as Pulumi does by default: this stack mirrors examples/insecure.
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_resource" "items" {
  rest_api_id = aws_api_gateway_rest_api.legacy.id
  parent_id   = aws_api_gateway_rest_api.legacy.root_resource_id
  path_part   = "items"
}

resource "aws_api_gateway_method" "get_items" {
  rest_api_id      = aws_api_gateway_rest_api.legacy.id
  resource_id      = aws_api_gateway_resource.items.id
  http_method      = "GET"
  authorization    = "NONE"
  api_key_required = true
}

resource "aws_api_gateway_integration" "get_items" {
  rest_api_id             = aws_api_gateway_rest_api.legacy.id
  resource_id             = aws_api_gateway_resource.items.id
  http_method             = aws_api_gateway_method.get_items.http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = aws_lambda_function.handler.invoke_arn
  credentials             = aws_iam_role.integration.arn
}

resource "aws_api_gateway_deployment" "legacy" {
  rest_api_id = aws_api_gateway_rest_api.legacy.id
  depends_on  = [aws_api_gateway_integration.get_items]
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.legacy.id
  deployment_id = aws_api_gateway_deployment.legacy.id
  stage_name    = "prod"
}

resource "aws_api_gateway_domain_name" "legacy" {
  domain_name     = "legacy.example.com"
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
  security_policy = "TLS_1_0"
}

# Every stage and method of the API may invoke the handler.
resource "aws_lambda_permission" "handler_invoke" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.handler.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.legacy.execution_arn}/*/*"
}

# A usage plan that meters nothing, and an API key written into the configuration.
resource "aws_api_gateway_usage_plan" "partners" {
  name = "partners"
  throttle_settings {
    burst_limit = 100
    rate_limit  = 50
  }
}

resource "aws_api_gateway_api_key" "partner_b" {
  name  = "partner-b"
  value = "pk_live_0123456789abcdef0123"
}

resource "aws_api_gateway_usage_plan_key" "partner_b" {
  key_id        = aws_api_gateway_api_key.partner_b.id
  key_type      = "API_KEY"
  usage_plan_id = aws_api_gateway_usage_plan.partners.id
}
