// Baseline 1: the least a Node HTTP service can be — node:http answering a fixed JSON body.
import http from 'node:http';

const account = JSON.stringify({ id: '10000', name: 'Person_0', servedBy: 'baseline' });
const up = JSON.stringify({ status: 'UP' });
const server = http.createServer((req, res) => {
  const body = req.url === '/health' ? up : account;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
