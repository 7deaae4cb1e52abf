import { describe, expect, it } from 'vitest';
import { newProject } from '../../services/intake/new-project.js';
import { activationLines, composeEml } from '../support/compose-mail.js';
import { triageRaw } from '../support/triage-file.js';
import { dayCentreEntry } from '../domain/draft-fixtures.js';

describe('the project an accepted request opens (issue 14, point 2 and 3)', () => {
  it('takes the provider of a day centre from the unit that names its manager (seed l. 4183-4189)', () => {
    const villette = newProject(
      dayCentreEntry({ request: { dayUnit: 'CSE Le Villette (Fondazione Alba Anffas Crema Onlus)' } }),
    );
    expect(villette).toMatchObject({
      providerName: 'Fondazione Alba Anffas Crema Onlus',
      dayUnitId: 'cse-le-villette',
    });
    // A unit printed without its manager leaves the provider to staff, never a guess.
    expect(newProject(dayCentreEntry())).toMatchObject({
      providerName: null,
      dayUnitId: 'cse-il-seme-castelleone',
    });
  });

  it('never reads a provider named on an activation form as a day unit', async () => {
    const text = activationLines({ sad: '☐', saap: '☒', ente: 'Coop. Igea', d1: '☒' }).join('\n');
    const { json } = await triageRaw(
      await composeEml({ from: 'servizi.sociali@comune.crema.cr.it', to: 'a@b.it', subject: 'SAAP', text }),
    );
    expect(json.service).toBe('SAAP');
    expect(JSON.stringify(json)).not.toContain('SFA');
  });
});
