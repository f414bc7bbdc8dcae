// Baseline 2: Express 5's hello world — one JSON route, nothing else.
import express from 'express';

const app = express();
app.get('/hello', (_req, res) => {
  res.json({ id: '10000', name: 'Person_0', servedBy: 'baseline' });
});
app.get('/health', (_req, res) => {
  res.json({ status: 'UP' });
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
