// Entry point for `pulumi up` in this directory. Run the quickstart's stack first (see README.md).
import { consumer } from "./program";

const outputs = consumer();

export const account = outputs.account;
export const clientId = outputs.clientId;
export const scope = outputs.scope;
export const authorizationHeader = outputs.authorizationHeader;
export const tokenIsSecret = outputs.tokenIsSecret;
