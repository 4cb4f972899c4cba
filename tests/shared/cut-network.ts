/**
 * A network that severs every TCP connection after its first 16,000 bytes from the server (TLS handshake included),
 * and a static host in front of dist/ for tests/browser/cut-connection.spec.ts.
 *
 * - certificates(): a root, an intermediate (RSA 4096) and one leaf per host name (RSA 2048, a SAN list as long as a
 *   busy host's): each server sends leaf and intermediate, about 3 KB in DER, as real sites do. Each name has a
 *   certificate of its own that names no other host of the test, so Chromium never pools two names on one HTTP/2
 *   connection (it pools when the address matches and the certificate covers the new name).
 * - staticHost(): one TLS server for all host names (the certificate chosen by SNI, as a CDN does), HTTP/2 or
 *   HTTP/1.1, answering from dist/ with the `_headers` rules and the build's `.br` files.
 * - cuttingProxy(): passes at most `cut` bytes from server to client on each connection, then freezes it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import { type Server, type Socket, connect, createServer } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { createSecureContext, type SecureContext, type TLSSocket } from 'node:tls';
import { headersFor, parseHeaders } from '../browser/headers.ts';

/** Host names a CDN certificate carries beside the site's own (only their count matters: they make its size). */
const SANS = Array.from({ length: 24 }, (_, i) => `DNS:edge-${i + 1}.story-cdn.example`).join(',');

export interface HostCertificate {
  key: Buffer;
  chain: Buffer;
  /** Leaf and intermediate as sent, in DER. */
  derBytes: number;
  /** base64 SHA-256 of the leaf's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  spki: string;
}

/** One certificate per host name (made once under `dir`); the names become each leaf's first SAN. */
export function certificates(dir: string, names: string[]): Record<string, HostCertificate> {
  mkdirSync(dir, { recursive: true });
  const f = (name: string) => join(dir, name);
  // Arguments written as one line each (no file name here has a space).
  const ssl = (line: string, input?: Buffer) => execFileSync('openssl', line.split(' '), { stdio: 'pipe', input });
  const ext = (file: string, text: string) => execFileSync('sh', ['-c', `printf '${text}' > ${file}`]);
  if (!existsSync(f('int.pem'))) {
    ssl(`req -x509 -newkey rsa:4096 -nodes -keyout ${f('root.key')} -out ${f('root.pem')} -days 30 -subj /CN=Root`);
    ssl(`req -newkey rsa:4096 -nodes -keyout ${f('int.key')} -out ${f('int.csr')} -subj /CN=Intermediate`);
    ext(f('ca.ext'), 'basicConstraints=critical,CA:TRUE\\nkeyUsage=critical,keyCertSign,cRLSign\\n');
    const ca = `-CA ${f('root.pem')} -CAkey ${f('root.key')} -CAcreateserial`;
    ssl(`x509 -req -in ${f('int.csr')} ${ca} -out ${f('int.pem')} -days 30 -extfile ${f('ca.ext')}`);
  }
  const der = (pem: string) => ssl(`x509 -in ${pem} -outform der`);
  const out: Record<string, HostCertificate> = {};
  for (const name of names) {
    const leaf = (s: string) => f(`${name}.${s}`);
    if (!existsSync(leaf('chain.pem'))) {
      ssl(`req -newkey rsa:2048 -nodes -keyout ${leaf('key')} -out ${leaf('csr')} -subj /CN=${name}`);
      ext(leaf('ext'), `subjectAltName=DNS:${name},${SANS}\\nextendedKeyUsage=serverAuth\\n`);
      const ca = `-CA ${f('int.pem')} -CAkey ${f('int.key')} -CAcreateserial`;
      ssl(`x509 -req -in ${leaf('csr')} ${ca} -out ${leaf('pem')} -days 30 -extfile ${leaf('ext')}`);
      execFileSync('sh', ['-c', `cat ${leaf('pem')} ${f('int.pem')} > ${leaf('chain.pem')}`]);
    }
    const spkiDer = ssl('pkey -pubin -outform der', ssl(`x509 -in ${leaf('pem')} -pubkey -noout`));
    out[name] = {
      key: readFileSync(leaf('key')),
      chain: readFileSync(leaf('chain.pem')),
      derBytes: der(leaf('pem')).length + der(f('int.pem')).length,
      spki: createHash('sha256').update(spkiDer).digest('base64'),
    };
  }
  return out;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** What one host answers: the host name decides whether it ends the connection after each response. */
export interface HostRole {
  /** Answers one response per connection (HTTP/1.1 `Connection: close`, HTTP/2 GOAWAY once it is sent). */
  oneResponsePerConnection: boolean;
  /** The brotli body this host sends for an HTML file instead of the build's `.br` (a release built otherwise). */
  html?: (file: string) => Buffer;
}

/** What dist/ answers for a request, as a static host would: the _headers rules, the .br file if brotli is accepted. */
function reply(
  dist: string,
  url: string,
  acceptEncoding: string,
  role: HostRole,
  http1: boolean,
): { status: number; headers: Record<string, string>; body: Buffer } {
  const rules = parseHeaders(readFileSync(join(dist, '_headers'), 'utf8'));
  const path = decodeURIComponent(new URL(url, 'https://x').pathname);
  let file = normalize(join(dist, path));
  if (!file.startsWith(normalize(dist))) return { status: 403, headers: {}, body: Buffer.from('') };
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file))
    return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: Buffer.from('not found') };
  const brotli = acceptEncoding.includes('br') && existsSync(`${file}.br`);
  const body =
    brotli && role.html && file.endsWith('.html') ? role.html(file) : readFileSync(brotli ? `${file}.br` : file);
  const headers: Record<string, string> = {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    Vary: 'Accept-Encoding',
    ...(brotli ? { 'Content-Encoding': 'br' } : {}),
    ...(http1 && role.oneResponsePerConnection ? { Connection: 'close' } : {}),
    ...Object.fromEntries(headersFor(rules, path).headers),
  };
  return { status: 200, headers, body };
}

/**
 * TLS records of at most 1,400 bytes, as hosts that size records for a fast first paint send them (nginx
 * `ssl_buffer_size`, a CDN's dynamic record sizing): a browser can read only whole records, so with 16 KB records
 * a cut inside the first record would leave it nothing at all (docs/publish.md says how to set this).
 */
const RECORD = 1400;

export interface StaticHost {
  port: number;
  /** The host name each TLS connection asked for (SNI), by the client port the server saw. */
  hostOf: Map<number, string>;
  close: () => Promise<void>;
}

/** One TLS server for every host in `roles`, the certificate chosen by SNI; the first host is the default. */
export function staticHost(
  dist: string,
  protocol: 'HTTP/2' | 'HTTP/1.1',
  certs: Record<string, HostCertificate>,
  roles: Record<string, HostRole>,
): Promise<StaticHost> {
  const names = Object.keys(roles);
  const contexts = new Map<string, SecureContext>(
    names.map((n) => [n, createSecureContext({ key: certs[n]!.key, cert: certs[n]!.chain })]),
  );
  const first = certs[names[0]!]!;
  const SNICallback = (name: string, cb: (err: Error | null, ctx?: SecureContext) => void) =>
    cb(null, contexts.get(name) ?? contexts.get(names[0]!));
  const roleOf = (host: string | undefined) => roles[(host ?? '').replace(/:\d+$/, '')] ?? roles[names[0]!]!;
  const server =
    protocol === 'HTTP/2'
      ? createSecureServer(
          { key: first.key, cert: first.chain, SNICallback, allowHTTP1: false },
          (req: Http2ServerRequest, res: Http2ServerResponse) => {
            const role = roleOf(req.authority);
            const r = reply(dist, req.url, String(req.headers['accept-encoding'] ?? ''), role, false);
            res.writeHead(r.status, r.headers).end(r.body);
            // GOAWAY: streams already open finish, the next request opens a new connection.
            if (role.oneResponsePerConnection) req.stream.session?.close();
          },
        )
      : createHttpsServer(
          { key: first.key, cert: first.chain, SNICallback, ALPNProtocols: ['http/1.1'] },
          (req: IncomingMessage, res: ServerResponse) => {
            const role = roleOf(req.headers.host);
            const r = reply(dist, req.url ?? '/', String(req.headers['accept-encoding'] ?? ''), role, true);
            res.writeHead(r.status, r.headers).end(r.body);
          },
        );
  const hostOf = new Map<number, string>();
  server.on('secureConnection', (socket: TLSSocket) => {
    socket.setMaxSendFragment(RECORD);
    hostOf.set(socket.remotePort ?? 0, (socket as TLSSocket & { servername?: string }).servername || names[0]!);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as { port: number }).port,
        hostOf,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

export interface CuttingProxy {
  port: number;
  /** Per connection: the port it left from towards the server, the bytes passed to the client, whether it was cut. */
  connections: { upstreamPort: number; bytes: number; cut: boolean }[];
  close: () => Promise<void>;
}

/**
 * A TCP proxy that passes at most `cut` bytes from server to client on each connection, then severs it the way
 * the reported filters do: nothing more passes in either direction and the connection hangs (no FIN, no RST), so
 * the browser keeps what it received. (A FIN or a RST at the cut instead makes Chromium fail the navigation,
 * ERR_CONNECTION_CLOSED or ERR_CONNECTION_RESET, and show its own error page in place of the half-received page.)
 */
export function cuttingProxy(target: number, cut: number): Promise<CuttingProxy> {
  const sockets = new Set<Socket>();
  const connections: CuttingProxy['connections'] = [];
  const proxy: Server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    const record = { upstreamPort: 0, bytes: 0, cut: false };
    connections.push(record);
    upstream.on('connect', () => {
      record.upstreamPort = upstream.localPort ?? 0;
    });
    sockets.add(client).add(upstream);
    let passed = 0;
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      const room = cut - passed;
      if (room <= 0) return;
      if (chunk.length >= room) {
        client.write(chunk.subarray(0, room));
        passed = cut;
        record.bytes = cut;
        record.cut = true;
        client.removeAllListeners('data');
        return;
      }
      passed += chunk.length;
      record.bytes = passed;
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    // Once cut, the server's own close does not reach the client either: the connection just hangs.
    // Before the cut, the server's close ends the client's side once what was written has been sent.
    upstream.on('close', () => (passed < cut ? client.end() : upstream.destroy())).on('error', end);
  });
  proxy.on('close', () => {
    for (const s of sockets) s.destroy();
  });
  return new Promise((resolve) =>
    proxy.listen(0, '127.0.0.1', () =>
      resolve({
        port: (proxy.address() as { port: number }).port,
        connections,
        close: () => {
          for (const s of sockets) s.destroy();
          return new Promise<void>((done) => proxy.close(() => done()));
        },
      }),
    ),
  );
}
