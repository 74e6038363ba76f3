# The HTTP half of examples/insecure, in Terraform: an open route, a stage that sets only one
# throttling value, and CORS that lets any site call with the user's cookies.

resource "aws_apigatewayv2_api" "public" {
  name          = "public"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_route" "public_items" {
  api_id    = aws_apigatewayv2_api.public.id
  route_key = "GET /items"
}

resource "aws_apigatewayv2_stage" "public_default" {
  api_id      = aws_apigatewayv2_api.public.id
  name        = "$default"
  auto_deploy = true
  default_route_settings {
    throttling_burst_limit = 100
  }
}

resource "aws_apigatewayv2_api" "partner_portal" {
  name          = "partner-portal"
  protocol_type = "HTTP"
  cors_configuration {
    allow_origins     = ["*"]
    allow_credentials = true
    allow_methods     = ["GET"]
  }
  tags = { owner = "team-portal", environment = "prod" }
}
