// Entry point for `pulumi up` in this directory (or at the repository root, whose Pulumi.yaml points here).
import { quickstart } from "./program";

const outputs = quickstart();

export const accessToken = outputs.accessToken;
export const scope = outputs.scope;
export const issuedAt = outputs.issuedAt;
export const expiresAt = outputs.expiresAt;
export const authUrl = outputs.authUrl;
