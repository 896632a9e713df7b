# Flagship as code from OpenTofu (>= 1.11) or Terraform (>= 1.10): a project, a flag and a targeting key,
# and the account's environments, managed through the Remote Control API. The provider that manages them
# is fed by an ephemeral token, minted for each plan and apply by an aliased provider: no credential and
# no token reaches the state or a plan file. The account and the API client come from FLAGSHIP_ACCOUNT_ID
# and FLAGSHIP_CLIENT_ID; the client secret from var.client_secret, else FLAGSHIP_CLIENT_SECRET.
terraform {
  required_providers {
    flagship = {
      source  = "flagship-token/flagship"
      version = "0.1.0"
    }
  }
}

variable "auth_url" {
  description = "The Flagship auth server (the local emulator: http://127.0.0.1:8787)."
  type        = string
  default     = "https://auth.flagship.io"
}

variable "api_url" {
  description = "The Remote Control API (the local emulator serves it too: http://127.0.0.1:8787)."
  type        = string
  default     = "https://api.flagship.io"
}

variable "client_secret" {
  description = "The API client's secret; null falls back to FLAGSHIP_CLIENT_SECRET."
  type        = string
  default     = null
  sensitive   = true
  ephemeral   = true
}

# Mints the token only.
provider "flagship" {
  alias         = "mint"
  client_secret = var.client_secret
  auth_url      = var.auth_url
}

ephemeral "flagship_token" "api" {
  provider   = flagship.mint
  scope      = "project.* flag.* targeting_key.* account_environment.*"
  expires_in = 900
}

# Manages the objects with that token: it is never stored.
provider "flagship" {
  api_url      = var.api_url
  access_token = ephemeral.flagship_token.api.access_token
}

resource "flagship_project" "shop" {
  name = "shop"
}

resource "flagship_flag" "checkout" {
  name              = "new-checkout"
  type              = "boolean"
  description       = "The new checkout flow"
  default_value     = "false"
  predefined_values = ["true", "false"]
}

resource "flagship_targeting_key" "plan" {
  name        = "plan"
  type        = "string"
  description = "The visitor's subscription plan"
}

data "flagship_account_environments" "all" {}

output "environments" {
  value = [for env in data.flagship_account_environments.all.items : env.environment]
}

output "checkout_flag_id" {
  value = flagship_flag.checkout.id
}
