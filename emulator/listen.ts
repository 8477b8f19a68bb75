import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'

/**
 * Starts an http server (https with `tls`) on 127.0.0.1 and returns it with its base URL; the open
 * sockets are kept in `sockets`, so that stopping it need not wait for clients' keep-alive connections.
 */
export async function listenOnLoopback(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  options: { port?: number | undefined; tls?: { key: string; cert: string } | undefined },
  sockets: Set<Socket>
): Promise<{ server: Server; url: string }> {
  const tls = options.tls
  const server: Server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, handler) : createServer(handler)
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  return { server, url: `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}` }
}
