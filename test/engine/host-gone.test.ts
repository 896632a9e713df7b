// No orphaned plugin after a killed host, with the checkout's plugins: bin/pulumi-resource-flagship (a
// launcher that execs node on dist/native/main.js) and the Terraform provider from the test mirror.
import path from "node:path";
import { repoRoot } from "../helpers/engine";
import { describePulumiHostGone, describeTofuHostGone } from "./host-gone-suite";

describePulumiHostGone("the checkout's plugin (bin/)", () => path.join(repoRoot, "bin"));
describeTofuHostGone();
