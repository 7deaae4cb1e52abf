import { randomUUID } from 'node:crypto';
import type { BotConnector } from './bot-connector.js';

const tenantId = 'local-tenant';

/** An activity as Teams would post it for `aadObjectId`, answered through the local connector. */
export function teamsActivity(aadObjectId: string, connector: BotConnector, body: Record<string, unknown>) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    timestamp: new Date().toISOString(),
    from: { id: `29:${aadObjectId}`, aadObjectId },
    recipient: { id: '28:sportello', name: 'Sportello' },
    conversation: { id: `a:${aadObjectId}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    ...body,
  };
}

/** Posts an activity to the bot endpoint over HTTP, as the Bot Framework service does. */
export async function postActivity(
  baseUrl: string,
  activity: object,
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  return { status: response.status, text: await response.text() };
}
