// A plain static file server for the sub-path test: dist/ under /some/sub/path/, nothing else, no
// fallback to index.html (as on GitHub Pages or any simple host).
// Usage: node tests/e2e/subpath-server.mjs PORT
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, normalize } from 'node:path';

const PREFIX = '/some/sub/path/';
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
};

createServer(async (request, response) => {
  const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
  if (!path.startsWith(PREFIX)) {
    response.writeHead(404).end('not under the sub-path');
    return;
  }
  let file = normalize(path.slice(PREFIX.length));
  if (file.startsWith('..')) {
    response.writeHead(403).end();
    return;
  }
  if (file === '.' || file.endsWith('/')) file += '/index.html';
  try {
    const body = await readFile(`dist/${file}`);
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404).end('not found');
  }
}).listen(Number(process.argv[2]), '127.0.0.1');
