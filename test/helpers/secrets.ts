import { expect } from "vitest";

/**
 * Fails if any secret appears in any of the texts. Reports where, never the secret itself (the failure
 * message would be a leak of its own).
 */
export function expectNoSecrets(texts: Record<string, string>, secrets: string[]): void {
  const hits: string[] = [];
  const real = secrets.filter((s) => s.length >= 6);
  expect(real.length).toBeGreaterThan(0);
  for (const [where, text] of Object.entries(texts)) {
    real.forEach((secret, i) => {
      if (text.includes(secret)) hits.push(`secret #${i} (${secret.length} chars) found in ${where}`);
    });
  }
  expect(hits).toEqual([]);
}
