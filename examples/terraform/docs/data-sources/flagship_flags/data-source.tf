data "flagship_flags" "all" {}

output "flag_names" {
  value = [for flag in data.flagship_flags.all.items : flag.name]
}
