import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';

function capturedLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('debug', sink), lines };
}

describe('the log (9)', () => {
  it('redacts file names, addresses, subjects and reasons like names', () => {
    const { logger, lines } = capturedLogger();
    logger.warn(
      {
        fileName: 'Richiesta ADM Rossi Luca RSSLCU15E12G306S.doc',
        recipient: 'rossi.luca@example.it',
        replyTo: 'altro@example.it',
        subject: 'Richiesta ADM Rossi Luca',
        reason: "l'allegato «Richiesta ADM Rossi Luca.doc» è danneggiato",
        inboundId: 'kept-for-diagnosis',
      },
      'message quarantined',
    );
    expect(lines.join('')).not.toMatch(/Rossi|RSSLCU|@example/);
    expect(lines.join('')).toContain('kept-for-diagnosis');
  });

  it('masks addresses, codici fiscali, quoted text and file names inside an error', () => {
    const { logger, lines } = capturedLogger();
    const error = new Error(
      '550 5.1.1 <rossi.luca@comune.crema.cr.it>: user unknown; RSSLCU15E12G306S in "Rossi Luca" ' +
        'from Richiesta_Rossi.pdf',
    );
    logger.error({ err: error }, 'delivery failed');
    const line = lines.join('');
    expect(line).not.toMatch(/rossi|RSSLCU|Richiesta_Rossi/i);
    expect(line).toContain('550 5.1.1 <[indirizzo]>: user unknown');
    expect(line).toContain('"type":"Error"');
  });
});
