terraform {
  required_providers {
    flagship = {
      source  = "flagship-token/flagship"
      version = "0.1.0"
    }
  }
}

provider "flagship" {
  account_id    = "my-account"        # or FLAGSHIP_ACCOUNT_ID
  client_id     = "my-client"         # or FLAGSHIP_CLIENT_ID
  client_secret = var.flagship_secret # or FLAGSHIP_CLIENT_SECRET
  # auth_url    = "https://staging-auth.flagship.io"
}

variable "flagship_secret" {
  type      = string
  sensitive = true
}
