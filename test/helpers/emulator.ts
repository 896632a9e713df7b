import { afterAll, beforeAll, beforeEach } from "vitest";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../provider/emulator";

/**
 * One emulator for the test file, on a free loopback port, reset before each test. `onStart` receives
 * it (keep it in a variable of the file).
 */
export function useEmulator(onStart: (emulator: RunningEmulator) => void, options: EmulatorOptions = {}): void {
  let running: RunningEmulator | undefined;
  beforeAll(async () => {
    running = await startEmulator(options);
    onStart(running);
  });
  afterAll(async () => running?.close());
  beforeEach(() => running?.admin.reset());
}
