// The generated Go SDK (sdk/go) on the real engine: examples/go's program through test/drivers/go.
import { describeSdk } from "./sdk-suite";

describeSdk("go");
