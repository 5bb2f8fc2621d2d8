// Baseline: node:http serving a fixed 20 KB page, the ceiling of any page throughput on this
// machine. Listens on PORT until killed.
import http from 'node:http';

const page = Buffer.from(`<!DOCTYPE html><html lang="fr"><body>${'<p>Forge à communs : une page fixe de vingt kilo-octets.</p>'.repeat(340)}</body></html>`);
http
  .createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length });
    response.end(page);
  })
  .listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ bytes: page.length })}\n`));
