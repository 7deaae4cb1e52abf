// The small process that starts the OCR programs for a reader and LibreOffice's for the server
// (plain JavaScript, no loader): forking the server, with its hundreds of megabytes, stalls its
// event loop; forking this one costs nothing.
import { execFile } from 'node:child_process';

process.on('message', (job) => {
  execFile(
    job.file,
    job.args,
    { timeout: job.timeout, maxBuffer: job.maxBuffer, env: job.env },
    (error, stdout) => {
      process.send?.(error ? { id: job.id, error: error.message } : { id: job.id, stdout: String(stdout) });
    },
  );
});
// The reader that started it has gone: nothing more will come.
process.on('disconnect', () => process.exit(0));
