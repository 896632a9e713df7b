// The generated Go SDK (sdk/go) on the real engine: examples/go's program (the token) and
// examples/go-flags' (the declared resources) through test/drivers/go.
import { describeSdkResources } from "./sdk-resources-suite";
import { describeSdk } from "./sdk-suite";

describeSdk("go");
describeSdkResources("go");
