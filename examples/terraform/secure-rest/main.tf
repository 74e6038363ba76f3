# A REST API that passes every Gatehouse rule, written with plain hashicorp/aws resources:
# Cognito authorization, request validation, access and execution logs, throttling, X-Ray,
# alarms, WAF with logging, a TLS 1.2 custom domain and a metered usage plan.
# `gatehouse scan examples/terraform/secure-rest` reports no finding.

locals {
  tags = { owner = "team-orders", environment = "prod" }
}

# --- Logs, the handler and the roles API Gateway assumes ---------------------------------------

resource "aws_kms_key" "logs" {
  description         = "API access logs"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/orders-access"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_iam_role" "handler" {
  name = "orders-handler"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
}

resource "aws_lambda_function" "handler" {
  function_name = "orders-handler"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  role          = aws_iam_role.handler.arn
  s3_bucket     = "orders-artifacts"
  s3_key        = "handler.zip"
}

# API Gateway invokes the handler with this role: trusted by API Gateway only, one action on one function.
# The ARN is written out (not read from the function) so the policy is known before apply.
resource "aws_iam_role" "invoke" {
  name = "orders-api-invoke"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "apigateway.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  inline_policy {
    name = "invoke-orders-handler"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "lambda:InvokeFunction", Resource = "arn:aws:lambda:us-east-1:123456789012:function:orders-handler" }]
    })
  }
}

# The account-wide execution-logging role: only the push-to-CloudWatch permissions.
resource "aws_iam_role" "cloudwatch" {
  name = "apigateway-cloudwatch"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "apigateway.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"]
}

resource "aws_api_gateway_account" "account" {
  cloudwatch_role_arn = aws_iam_role.cloudwatch.arn
}

# --- Identity ----------------------------------------------------------------------------------

resource "aws_cognito_user_pool" "users" {
  name              = "orders-users"
  mfa_configuration = "ON"
  user_pool_tier    = "PLUS"
  software_token_mfa_configuration {
    enabled = true
  }
  password_policy {
    minimum_length    = 14
    require_lowercase = true
    require_uppercase = true
    require_numbers   = true
    require_symbols   = true
  }
  user_pool_add_ons {
    advanced_security_mode = "ENFORCED"
  }
}

# --- REST API ----------------------------------------------------------------------------------

resource "aws_api_gateway_rest_api" "orders" {
  name = "orders"
  # Reached only through the custom domain below.
  disable_execute_api_endpoint = true
  endpoint_configuration {
    types = ["REGIONAL"]
  }
  tags = local.tags
  # Replacing the API creates the new one first: no window without an API.
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_authorizer" "cognito" {
  name          = "cognito"
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  type          = "COGNITO_USER_POOLS"
  provider_arns = [aws_cognito_user_pool.users.arn]
}

resource "aws_api_gateway_request_validator" "orders" {
  name                        = "orders"
  rest_api_id                 = aws_api_gateway_rest_api.orders.id
  validate_request_body       = true
  validate_request_parameters = true
}

resource "aws_api_gateway_resource" "orders" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  parent_id   = aws_api_gateway_rest_api.orders.root_resource_id
  path_part   = "orders"
}

resource "aws_api_gateway_method" "get_orders" {
  rest_api_id          = aws_api_gateway_rest_api.orders.id
  resource_id          = aws_api_gateway_resource.orders.id
  http_method          = "GET"
  authorization        = "COGNITO_USER_POOLS"
  authorizer_id        = aws_api_gateway_authorizer.cognito.id
  request_validator_id = aws_api_gateway_request_validator.orders.id
}

resource "aws_api_gateway_integration" "get_orders" {
  rest_api_id             = aws_api_gateway_rest_api.orders.id
  resource_id             = aws_api_gateway_resource.orders.id
  http_method             = aws_api_gateway_method.get_orders.http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders-handler/invocations"
  credentials             = aws_iam_role.invoke.arn
}

# Browsers send CORS preflight requests without credentials: OPTIONS answered by a MOCK integration.
resource "aws_api_gateway_method" "orders_preflight" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "OPTIONS"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "orders_preflight" {
  rest_api_id       = aws_api_gateway_rest_api.orders.id
  resource_id       = aws_api_gateway_resource.orders.id
  http_method       = aws_api_gateway_method.orders_preflight.http_method
  type              = "MOCK"
  request_templates = { "application/json" = "{\"statusCode\": 200}" }
}

resource "aws_api_gateway_deployment" "orders" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  triggers    = { redeployment = "v1" }
  depends_on  = [aws_api_gateway_integration.get_orders, aws_api_gateway_integration.orders_preflight]
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id          = aws_api_gateway_rest_api.orders.id
  deployment_id        = aws_api_gateway_deployment.orders.id
  stage_name           = "prod"
  xray_tracing_enabled = true
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
  tags = local.tags
}

resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"
  settings {
    logging_level          = "INFO"
    metrics_enabled        = true
    data_trace_enabled     = false
    throttling_burst_limit = 500
    throttling_rate_limit  = 1000
  }
}

resource "aws_cloudwatch_metric_alarm" "prod_5xx" {
  alarm_name          = "orders-prod-5xx"
  namespace           = "AWS/ApiGateway"
  metric_name         = "5XXError"
  dimensions          = { ApiName = aws_api_gateway_rest_api.orders.name, Stage = aws_api_gateway_stage.prod.stage_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 10
  comparison_operator = "GreaterThanThreshold"
}

resource "aws_cloudwatch_metric_alarm" "prod_4xx" {
  alarm_name          = "orders-prod-4xx"
  namespace           = "AWS/ApiGateway"
  metric_name         = "4XXError"
  dimensions          = { ApiName = aws_api_gateway_rest_api.orders.name, Stage = aws_api_gateway_stage.prod.stage_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 10
  comparison_operator = "GreaterThanThreshold"
}

resource "aws_cloudwatch_metric_alarm" "prod_latency" {
  alarm_name          = "orders-prod-latency"
  namespace           = "AWS/ApiGateway"
  metric_name         = "Latency"
  dimensions          = { ApiName = aws_api_gateway_rest_api.orders.name, Stage = aws_api_gateway_stage.prod.stage_name }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 1
  threshold           = 2000
  comparison_operator = "GreaterThanThreshold"
}

# --- WAF ---------------------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "waf" {
  name              = "aws-waf-logs-orders"
  retention_in_days = 365
}

resource "aws_wafv2_web_acl" "orders" {
  name  = "orders"
  scope = "REGIONAL"
  default_action {
    allow {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "orders"
    sampled_requests_enabled   = true
  }
  rule {
    name     = "AWSManagedRulesCommonRuleSet"
    priority = 1
    override_action {
      none {}
    }
    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesCommonRuleSet"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "AWSManagedRulesCommonRuleSet"
      sampled_requests_enabled   = true
    }
  }
  rule {
    name     = "AWSManagedRulesKnownBadInputsRuleSet"
    priority = 2
    override_action {
      none {}
    }
    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "AWSManagedRulesKnownBadInputsRuleSet"
      sampled_requests_enabled   = true
    }
  }
  rule {
    name     = "per-ip-rate"
    priority = 3
    action {
      block {}
    }
    statement {
      rate_based_statement {
        limit              = 2000
        aggregate_key_type = "IP"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "per-ip-rate"
      sampled_requests_enabled   = true
    }
  }
}

resource "aws_wafv2_web_acl_association" "prod" {
  resource_arn = aws_api_gateway_stage.prod.arn
  web_acl_arn  = aws_wafv2_web_acl.orders.arn
}

resource "aws_wafv2_web_acl_logging_configuration" "orders" {
  resource_arn            = aws_wafv2_web_acl.orders.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]
}

# --- Custom domain and usage plan ------------------------------------------------------------

resource "aws_acm_certificate" "orders" {
  domain_name       = "orders.example.com"
  validation_method = "DNS"
}

resource "aws_api_gateway_domain_name" "orders" {
  domain_name              = "orders.example.com"
  regional_certificate_arn = aws_acm_certificate.orders.arn
  security_policy          = "TLS_1_2"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_base_path_mapping" "orders" {
  api_id      = aws_api_gateway_rest_api.orders.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  domain_name = aws_api_gateway_domain_name.orders.domain_name
}

# Partners are metered by API key; the key value is generated by API Gateway, never written here.
resource "aws_api_gateway_usage_plan" "partners" {
  name = "partners"
  api_stages {
    api_id = aws_api_gateway_rest_api.orders.id
    stage  = aws_api_gateway_stage.prod.stage_name
  }
  throttle_settings {
    burst_limit = 100
    rate_limit  = 50
  }
  quota_settings {
    limit  = 100000
    period = "MONTH"
  }
}

resource "aws_api_gateway_api_key" "partner_a" {
  name = "partner-a"
}

resource "aws_api_gateway_usage_plan_key" "partner_a" {
  key_id        = aws_api_gateway_api_key.partner_a.id
  key_type      = "API_KEY"
  usage_plan_id = aws_api_gateway_usage_plan.partners.id
}
