/** Network helpers shared by the mocks, order-desk and their tests. */
import net from 'node:net';

const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]']);

/**
 * 127.0.0.0/8, ::1 (bare or bracketed, as `URL.hostname` gives it), localhost, and their
 * IPv4-mapped form: reachable from this machine only. Case-insensitive.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^::ffff:/, '');
  return LOOPBACK_NAMES.has(h) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** A port the OS reports free on `host` right now (listen on 0, read it, close). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
