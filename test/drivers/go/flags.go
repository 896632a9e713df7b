// examples/go-flags' program (a project, a flag and a targeting key) for the driver, as "flags". A file
// of its own so that main.go alone still builds against examples/go's program (release-sdks.test.ts
// copies it into a module of a user's).
package main

import flags "pulumi-flagship-token/examples/go-flags/program"

func init() { programs["flags"] = flags.FlagshipFlags }
