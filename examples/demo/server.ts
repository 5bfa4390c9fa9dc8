// The demo: one Node process serving the call page (bundled from TypeScript at start with
// esbuild) and the WebSocket signaling server, on 127.0.0.1.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { attachSignaling, type Signaling } from './signaling';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

export interface DemoServer {
  url: string;
  port: number;
  signaling: Signaling;
  close(): Promise<void>;
}

export interface DemoOptions {
  port?: number;
  host?: string;
}

/** Bundles the page and its service worker, then serves them with signaling on one port. */
export async function startDemo(options: DemoOptions = {}): Promise<DemoServer> {
  const assets = await bundle();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/stats') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ peers: signaling.peers(), rejected: signaling.rejected() }));
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    const asset = assets.get(path === '/' ? '/index.html' : path);
    if (!asset) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-store' });
    res.end(asset.body);
  });
  const signaling = attachSignaling(server);
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    signaling,
    async close() {
      await signaling.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

interface Asset {
  type: string;
  body: string | Buffer;
}

/** The page's files: static HTML/CSS and two bundles (the app as ESM, the worker as a classic script). */
async function bundle(): Promise<Map<string, Asset>> {
  const alias = {
    'keepcall/web': join(root, 'src/web/index.ts'),
    'keepcall/testing': join(root, 'src/testing/index.ts'),
    keepcall: join(root, 'src/web/index.ts'),
  };
  const common = { bundle: true, write: false, alias, target: 'chrome110', logLevel: 'silent' as const };
  const [app, worker] = await Promise.all([
    build({ ...common, entryPoints: [join(here, 'client/main.ts')], format: 'esm', sourcemap: 'inline' }),
    build({ ...common, entryPoints: [join(here, 'client/sw.ts')], format: 'iife' }),
  ]);
  const js = 'text/javascript; charset=utf-8';
  return new Map<string, Asset>([
    [
      '/index.html',
      { type: 'text/html; charset=utf-8', body: await readFile(join(here, 'public/index.html')) },
    ],
    ['/style.css', { type: 'text/css; charset=utf-8', body: await readFile(join(here, 'public/style.css')) }],
    ['/app.js', { type: js, body: app.outputFiles?.[0]?.text ?? '' }],
    ['/sw.js', { type: js, body: worker.outputFiles?.[0]?.text ?? '' }],
  ]);
}
