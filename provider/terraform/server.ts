// go-plugin's side of a plugin, as Terraform and OpenTofu start one: gRPC over TLS on a loopback port,
// the client's certificate (PLUGIN_CLIENT_CERT) as the only root, gRPC health for "plugin", the controller's
// Shutdown, and the one handshake line on stdout: `1|6|tcp|127.0.0.1:<port>|grpc|<certificate>`.
import * as grpc from "@grpc/grpc-js";
import { loadServices } from "./protos";
import { providerHandlers, unary, type RpcDeps } from "./rpc";
import type { KeyPair } from "./keys";
import { makeCertificate } from "./tls";

/** go-plugin's core protocol version, and the Terraform plugin protocol's major version. */
const CORE_PROTOCOL = 1;
export const PLUGIN_PROTOCOL = 6;

export interface Served {
  handshake: string;
  stop(): Promise<void>;
}

export async function serve(clientCertPem: string, keys: Promise<KeyPair>, deps: RpcDeps, onShutdown: () => void): Promise<Served> {
  const services = loadServices();
  const certificate = await makeCertificate(keys);
  const server = new grpc.Server({ "grpc.max_receive_message_length": 256 << 20, "grpc.max_send_message_length": 256 << 20 });
  server.addService(services.provider, unary(providerHandlers(deps)));
  server.addService(services.health, {
    Check: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => callback(null, { status: "SERVING" }),
  });
  server.addService(services.controller, {
    Shutdown: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => {
      callback(null, {});
      setImmediate(onShutdown);
    },
  });
  const credentials = grpc.ServerCredentials.createSsl(
    Buffer.from(clientCertPem),
    [{ private_key: Buffer.from(certificate.keyPem), cert_chain: Buffer.from(certificate.certPem) }],
    true,
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", credentials, (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    handshake: `${CORE_PROTOCOL}|${PLUGIN_PROTOCOL}|tcp|127.0.0.1:${port}|grpc|${certificate.handshake}`,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
