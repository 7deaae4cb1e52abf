import { describe, expect, it } from 'vitest';
import type { MailForTriage } from '../../domain/triage/mail-for-triage.js';
import { parseAuthenticationResults } from '../../services/intake/authentication-results.js';
import { senderAuthentication, type SenderCheck } from '../../services/intake/sender-authentication.js';

const ours: SenderCheck = { mode: 'authserv-id', authservId: 'mx.comunitasocialecremasca.it' };
const exchange: SenderCheck = { mode: 'exchange-online' };
const crema = 'servizi.sociali@comune.crema.cr.it';

function mail(headers: Record<string, string[]>, fromAddresses: string[] = [crema]): MailForTriage {
  return {
    headers: { from: [crema], ...headers },
    messageId: null,
    inReplyTo: null,
    references: [],
    subject: 'Richiesta',
    replyTo: fromAddresses[0] ?? null,
    from: fromAddresses[0] ?? null,
    fromAddresses,
    date: null,
    isPec: false,
    certifiedAt: null,
    texts: [],
    unreadable: [],
  };
}
const byOurServer = (results: string) => ({
  'authentication-results': [`mx.comunitasocialecremasca.it; ${results}`],
});

describe('Authentication-Results as RFC 8601 writes it', () => {
  it('reads the server, each method and its properties, without comments', () => {
    expect(
      parseAuthenticationResults(
        'mx.example.it 1; spf=pass (sender IP is 192.0.2.1) smtp.mailfrom="bounce@x.it"; dkim=pass (good (really)) header.d=X.it header.s=s1; dmarc=none header.from=x.it',
      ),
    ).toEqual({
      authservId: 'mx.example.it',
      results: [
        { method: 'spf', result: 'pass', properties: { 'smtp.mailfrom': 'bounce@x.it' } },
        { method: 'dkim', result: 'pass', properties: { 'header.d': 'x.it', 'header.s': 's1' } },
        { method: 'dmarc', result: 'none', properties: { 'header.from': 'x.it' } },
      ],
    });
  });

  it("reads Exchange Online's header, which has no authserv-id and no space after «;»", () => {
    const header = parseAuthenticationResults(
      'spf=pass (sender IP is 40.107.1.1) smtp.mailfrom=comune.crema.cr.it; dkim=pass (signature was verified) header.d=comune.crema.cr.it;dmarc=pass action=none header.from=comune.crema.cr.it;compauth=pass reason=100',
    );
    expect(header.authservId).toBeNull();
    expect(header.results.map((result) => `${result.method}=${result.result}`)).toEqual([
      'spf=pass',
      'dkim=pass',
      'dmarc=pass',
      'compauth=pass',
    ]);
  });
});

describe('a sender counts only when our server vouches for the From domain', () => {
  it('believes an aligned DMARC pass', () => {
    expect(
      senderAuthentication(mail(byOurServer('dmarc=pass header.from=comune.crema.cr.it')), ours),
    ).toEqual({ outcome: 'verified', by: 'dmarc' });
  });

  it('without a DMARC record, believes an SPF or DKIM pass of the same organisational domain', () => {
    const spf = byOurServer(
      'spf=pass smtp.mailfrom=bounce@mail.crema.cr.it; dkim=none; dmarc=none header.from=comune.crema.cr.it',
    );
    expect(senderAuthentication(mail(spf), ours)).toEqual({ outcome: 'verified', by: 'spf' });
    const dkim = byOurServer(
      'spf=softfail smtp.mailfrom=relay.example; dkim=pass header.d=crema.cr.it; dmarc=none header.from=comune.crema.cr.it',
    );
    expect(senderAuthentication(mail(dkim), ours)).toEqual({ outcome: 'verified', by: 'dkim' });
  });

  it('(attack 1) refuses passes for another domain, and none or temperror verdicts', () => {
    const unaligned = senderAuthentication(
      mail(
        byOurServer(
          'spf=pass smtp.mailfrom=bounce@evil.example; dkim=pass header.d=evil.example; dmarc=none header.from=comune.crema.cr.it',
        ),
      ),
      ours,
    );
    expect(unaligned).toMatchObject({ outcome: 'refused', doubt: 'not_aligned' });
    expect(unaligned.outcome === 'refused' && unaligned.explanation).toContain('SPF per evil.example');
    // Another Comune's organisational domain is not aligned either (cr.it is a public suffix).
    expect(
      senderAuthentication(
        mail(
          byOurServer('dkim=pass header.d=comune.pandino.cr.it; dmarc=none header.from=comune.crema.cr.it'),
        ),
        ours,
      ),
    ).toMatchObject({ outcome: 'refused', doubt: 'not_aligned' });
    for (const verdict of ['none', 'temperror', 'neutral', 'permerror']) {
      expect(
        senderAuthentication(
          mail(
            byOurServer(`spf=${verdict}; dkim=${verdict}; dmarc=${verdict} header.from=comune.crema.cr.it`),
          ),
          ours,
        ),
        verdict,
      ).toMatchObject({ outcome: 'refused' });
    }
    expect(
      senderAuthentication(mail(byOurServer('dmarc=fail header.from=comune.crema.cr.it')), ours),
    ).toMatchObject({ outcome: 'refused', doubt: 'failed' });
  });

  it("reads only our server's verdict, and refuses a message without one", () => {
    const forged = {
      'authentication-results': ['mx.attacker.example; dmarc=pass header.from=comune.crema.cr.it'],
    };
    expect(senderAuthentication(mail(forged), ours)).toMatchObject({
      outcome: 'refused',
      doubt: 'no_verdict',
    });
    expect(senderAuthentication(mail(forged), { mode: 'off' })).toEqual({ outcome: 'unchecked' });
  });

  it('(attack 2) refuses two From headers, two addresses, a group or a name without address', () => {
    const pass = byOurServer('dmarc=pass header.from=evil.example');
    const refusedAs = (message: MailForTriage) => senderAuthentication(message, ours);
    expect(refusedAs(mail({ ...pass, from: [crema, 'x@evil.example'] }, ['x@evil.example']))).toMatchObject({
      outcome: 'refused',
      doubt: 'several_senders',
    });
    expect(refusedAs(mail(pass, [crema, 'x@evil.example']))).toMatchObject({ doubt: 'several_senders' });
    expect(refusedAs(mail(pass, ['']))).toMatchObject({ doubt: 'several_senders' });
    expect(refusedAs(mail(pass, []))).toMatchObject({ doubt: 'several_senders' });
    // Even with nobody's verdict asked for (development), two senders are nobody.
    expect(senderAuthentication(mail(pass, [crema, 'x@evil.example']), { mode: 'off' })).toMatchObject({
      outcome: 'refused',
    });
  });
});

describe('Exchange Online mode', () => {
  const eop = (results: string, authAs = 'Anonymous') => ({
    'authentication-results': [results, 'mx.attacker.example; dmarc=pass header.from=comune.crema.cr.it'],
    'x-ms-exchange-organization-authas': [authAs],
  });

  it('believes the topmost result of mail received anonymously, with an aligned dmarc=pass or compauth=pass', () => {
    expect(
      senderAuthentication(
        mail(
          eop(
            'spf=pass (sender IP is 40.107.1.1) smtp.mailfrom=comune.crema.cr.it; dkim=pass (signature was verified) header.d=comune.crema.cr.it;dmarc=pass action=none header.from=comune.crema.cr.it;compauth=pass reason=100',
          ),
        ),
        exchange,
      ),
    ).toEqual({ outcome: 'verified', by: 'dmarc' });
    expect(
      senderAuthentication(
        mail(
          eop(
            'spf=pass (sender IP is 40.107.1.1) smtp.mailfrom=crema.cr.it; dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=comune.crema.cr.it;compauth=pass reason=109',
          ),
        ),
        exchange,
      ),
    ).toEqual({ outcome: 'verified', by: 'compauth' });
  });

  it('refuses bestguesspass, a failed compauth, a result below the top, and mail not stamped Anonymous', () => {
    const bestGuess =
      'spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=evil.example; dkim=none (message not signed) header.d=none;dmarc=bestguesspass action=none header.from=comune.crema.cr.it;compauth=fail reason=001';
    expect(senderAuthentication(mail(eop(bestGuess)), exchange)).toMatchObject({ outcome: 'refused' });
    const good = 'dmarc=pass action=none header.from=comune.crema.cr.it;compauth=pass reason=100';
    expect(senderAuthentication(mail(eop(good, 'Internal')), exchange)).toMatchObject({
      outcome: 'refused',
      doubt: 'no_verdict',
    });
    // The attacker's own header below EOP's is never read; EOP's says fail.
    expect(
      senderAuthentication(
        mail(
          eop(
            'spf=fail smtp.mailfrom=comune.crema.cr.it; dmarc=fail action=oreject header.from=comune.crema.cr.it;compauth=fail reason=000',
          ),
        ),
        exchange,
      ),
    ).toMatchObject({ outcome: 'refused', doubt: 'failed' });
    const withoutAuthAs = { 'authentication-results': [good] };
    expect(senderAuthentication(mail(withoutAuthAs), exchange)).toMatchObject({ doubt: 'no_verdict' });
  });
});
