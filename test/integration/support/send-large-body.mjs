// Streams a large chunked POST (argv: url, total bytes) from its own process, so the server's
// memory is measured without the sender's, and prints what came back as one JSON line.
import { request } from 'node:http';

const [url, total] = [process.argv[2], Number(process.argv[3])];
const chunk = Buffer.alloc(64 * 1024, 0x20);
const result = { status: 0, body: '', sent: 0, error: '' };

setTimeout(() => {
  result.error = 'timed out';
  finish();
}, 10_000).unref();

function finish() {
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } });
req.on('response', (res) => {
  result.status = res.statusCode;
  res.setEncoding('utf8');
  res.on('data', (text) => {
    result.body += text;
  });
  res.on('end', finish);
});
// Once the server refuses the body it stops reading and closes: writes then fail, as expected.
req.on('error', (error) => {
  result.error = error.code ?? error.message;
  if (result.status === 0) finish();
});

function pump() {
  while (result.sent < total && !req.destroyed) {
    result.sent += chunk.length;
    if (!req.write(chunk)) return void req.once('drain', pump);
  }
  req.end();
}
pump();
