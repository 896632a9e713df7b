resource "flagship_targeting_key" "plan" {
  name        = "plan"
  type        = "string"
  description = "The visitor's subscription plan"
}
