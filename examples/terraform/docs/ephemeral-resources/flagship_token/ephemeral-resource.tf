ephemeral "flagship_token" "deploy" {
  scope      = "env:*"
  expires_in = 900
}

resource "terraform_data" "deploy" {
  provisioner "local-exec" {
    command     = "./deploy.sh" # reads FLAGSHIP_TOKEN
    environment = { FLAGSHIP_TOKEN = ephemeral.flagship_token.deploy.access_token }
  }
}
