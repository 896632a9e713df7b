// Entry point for `pulumi up` in this directory.
import { rotation } from "./program";

const outputs = rotation();

export const accessToken = outputs.accessToken;
export const issuedAt = outputs.issuedAt;
export const expiresAt = outputs.expiresAt;
export const scope = outputs.scope;
