import { describe, expect, it } from 'vitest';
import { mayFileFor } from '../../domain/requests/filing-municipality.js';

const crema = '019035';

describe('which Comune may file a request (issue 13, point 4)', () => {
  it.each([
    ['its own resident', 'Crema', null, true],
    ['a resident of another Comune of the Ambito', 'Pandino', null, false],
    ['another Comune’s resident, as the co-paying Comune', 'Pandino', 'Comune di Crema', true],
    ['another Comune’s resident, naming a third co-paying Comune', 'Pandino', 'Offanengo', false],
    ['someone living outside the Ambito (a parent resident in the Comune)', 'Lodi', null, true],
    ['a form with no residence (the reply asks for it)', null, null, true],
  ])('%s', (_case, residence, coPaying, expected) => {
    expect(mayFileFor({ senderMunicipalityId: crema, residence, coPaying })).toBe(expected);
  });
});
