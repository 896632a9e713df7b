resource "flagship_flag" "checkout" {
  name              = "new-checkout"
  type              = "boolean"
  description       = "The new checkout flow"
  default_value     = "false"
  predefined_values = ["true", "false"]
}
