resource "flagship_project" "shop" {
  name = "shop"
}
