resource "flagship_token" "ci" {
  expires_in           = 43200 # 12 h
  rotate_before_expiry = 3600  # the first plan with less than 1 h left mints a new one, in place
  triggers             = { manual = var.rotation_trigger }
}

variable "rotation_trigger" {
  type    = string
  default = "1"
}

output "token" {
  value     = flagship_token.ci.access_token
  sensitive = true
}
