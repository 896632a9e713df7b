// The generated Python SDK (sdk/python, installed by the set-up into its virtual environment) on the
// real engine: examples/python's program (the token) and examples/python-flags' (the declared
// resources) through test/drivers/python/driver.py.
import { describeSdkResources } from "./sdk-resources-suite";
import { describeSdk } from "./sdk-suite";

describeSdk("python");
describeSdkResources("python");
