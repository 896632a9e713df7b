// The generated Python SDK (sdk/python, installed by the set-up into its virtual environment) on the
// real engine: examples/python's program through test/drivers/python/driver.py.
import { describeSdk } from "./sdk-suite";

describeSdk("python");
