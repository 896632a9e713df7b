/** Progress and diagnostics go to stderr; stdout carries the table only. */
export const log = (message: string): void => {
  process.stderr.write(`bench: ${message}\n`);
};
