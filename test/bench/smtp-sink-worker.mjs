// The benchmark's SMTP server on a thread of its own: receiving Sportello's replies is the
// world's work, not Sportello's, so it must not run on the event loop being measured. It reads
// only the In-Reply-To header of each reply (a parse of whole messages would cost this thread).
import { parentPort } from 'node:worker_threads';
import { SMTPServer } from 'smtp-server';

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 50 * 1024 * 1024,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (chunk) => {
      if (head.length < 64 * 1024) head += chunk.toString('latin1');
    });
    stream.on('end', () => {
      received += 1;
      const header = head.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
      const inReplyTo = /^in-reply-to:\s*(<[^>]+>)/im.exec(header)?.[1] ?? null;
      parentPort.postMessage({ received, inReplyTo });
      callback();
    });
  },
});
server.on('error', () => undefined);
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.server.address().port }));
parentPort.on('message', (message) => {
  if (message === 'stop') server.close(() => process.exit(0));
});
