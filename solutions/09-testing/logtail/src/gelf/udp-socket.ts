import dgram from 'node:dgram';

export interface UdpOptions {
  host: string;
  port: number;
  /**
   * The kernel's queue for datagrams not read yet: a burst beyond it is lost before logtail sees it.
   * Linux caps it at net.core.rmem_max.
   */
  receiveBufferBytes: number;
}

/** Binds the GELF UDP socket; resolves once bound, rejects when the port is taken. */
export function bindUdp(
  { host, port, receiveBufferBytes }: UdpOptions,
  onDatagram: (datagram: Buffer) => void,
  onError: (err: Error) => void,
): Promise<dgram.Socket> {
  const socket = dgram.createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', recvBufferSize: receiveBufferBytes });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', onDatagram);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      // After binding, an error (rare for UDP) is reported and the socket keeps serving.
      socket.on('error', onError);
      resolve(socket);
    });
  });
}

export function closeUdp(socket: dgram.Socket): Promise<void> {
  return new Promise((resolve) => socket.close(() => resolve()));
}
