import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { configurationReference } from '../../app/config-reference.js';
import { configSchema } from '../../app/config-schema.js';

describe('the configuration reference', () => {
  it('describes every variable the schema reads', () => {
    const undescribed = Object.entries(configSchema.shape)
      .filter(([, node]) => !node.description)
      .map(([name]) => name);
    expect(undescribed).toEqual([]);
  });

  it('is what docs/configuration.md says (run npm run docs:config after changing the schema)', async () => {
    const written = await readFile(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    expect(written).toBe(configurationReference());
  });
});
