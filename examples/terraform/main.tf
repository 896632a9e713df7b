# Flagship tokens from OpenTofu (or Terraform >= 1.10): a managed token kept in state and rotated ahead of
# expiry, and an ephemeral token opened for each plan and apply that never reaches state or plan files.
# Credentials come from FLAGSHIP_ACCOUNT_ID, FLAGSHIP_CLIENT_ID and FLAGSHIP_CLIENT_SECRET.
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

variable "rotation_trigger" {
  description = "Any new value mints a new managed token on the next apply."
  type        = string
  default     = "1"
}

provider "flagship" {
  auth_url = var.auth_url
}

# Kept in state, in plain text there: see "State security" in docs/terraform.md (the reference of every
# argument is docs/terraform/resources/token.md).
resource "flagship_token" "ci" {
  expires_in           = 43200 # 12 h
  rotate_before_expiry = 3600  # a plan with less than 1 h left rotates it, in place
  triggers             = { manual = var.rotation_trigger }
}

# Opened for this run only: usable in provider blocks, provisioners and write-only arguments.
ephemeral "flagship_token" "deploy" {
  expires_in = 900
}

resource "terraform_data" "deploy" {
  triggers_replace = [var.rotation_trigger]

  # OpenTofu and Terraform hide everything a provisioner prints while an ephemeral value is in its
  # environment ("(output suppressed due to ephemeral value in config)"): the command writes what it
  # did to deploy.log instead (`cat deploy.log` after the apply).
  provisioner "local-exec" {
    command     = "test -n \"$FLAGSHIP_TOKEN\" && echo \"deploying with a token of $${#FLAGSHIP_TOKEN} characters\" > \"$LOG\""
    environment = { FLAGSHIP_TOKEN = ephemeral.flagship_token.deploy.access_token, LOG = "${path.module}/deploy.log" }
  }
}

output "ci_expires_at" {
  value = flagship_token.ci.expires_at
}

output "ci_access_token" {
  value     = flagship_token.ci.access_token
  sensitive = true
}
