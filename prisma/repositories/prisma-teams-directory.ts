import type { ConversationReference } from 'botbuilder';
import type { Caller, CallerDirectory } from '../../services/access/caller.js';
import type { ConversationBook } from '../../services/outbox/conversation-book.js';
import type { TeamsRecipient } from '../../services/outbox/outbox-message.js';
import type { Database } from '../database/database.js';
import type { Prisma } from '../generated/client.js';

// Short: a conversation another replica has just learnt is used within seconds.
const referencesTtlMs = 2_000;

/** Teams users, their roles, and where to reach them. */
export class PrismaTeamsDirectory implements CallerDirectory, ConversationBook {
  /** Recent answers of `referencesFor`: a backlog's cards go to the same few recipients. */
  private readonly recentReferences = new Map<
    string,
    { at: number; rows: Promise<Partial<ConversationReference>[]> }
  >();

  constructor(private readonly database: Database) {}

  async findCaller(identity: {
    aadObjectId: string | null;
    userPrincipalName: string | null;
  }): Promise<Caller | null> {
    const or: Prisma.TeamsUserWhereInput[] = [];
    if (identity.aadObjectId) or.push({ aadObjectId: identity.aadObjectId });
    if (identity.userPrincipalName)
      or.push({ userPrincipalName: { equals: identity.userPrincipalName, mode: 'insensitive' } });
    if (or.length === 0) return null;
    const users = await this.database.prisma.teamsUser.findMany({
      where: { OR: or },
      select: {
        id: true,
        aadObjectId: true,
        displayName: true,
        role: true,
        municipalityId: true,
        providerId: true,
        municipality: { select: { name: true } },
      },
    });
    // The object id is authoritative; the principal name is the fallback.
    const user = users.find((candidate) => candidate.aadObjectId === identity.aadObjectId) ?? users[0];
    if (!user) return null;
    return callerOfUser(user);
  }

  async remember(
    reference: Partial<ConversationReference>,
    teamsUserId: string | null,
    scope: string,
  ): Promise<void> {
    const conversationId = reference.conversation?.id;
    if (!conversationId) return;
    const json = JSON.parse(JSON.stringify(reference)) as Prisma.InputJsonValue;
    this.recentReferences.clear();
    await this.database.prisma.conversationReference.upsert({
      where: { conversationId },
      create: { conversationId, teamsUserId, scope, reference: json },
      update: { reference: json, scope, ...(teamsUserId ? { teamsUserId } : {}) },
    });
  }

  referencesFor(recipient: TeamsRecipient): Promise<Partial<ConversationReference>[]> {
    const key = JSON.stringify(recipient);
    const recent = this.recentReferences.get(key);
    if (recent && Date.now() - recent.at < referencesTtlMs) return recent.rows;
    if (this.recentReferences.size > 1000) this.recentReferences.clear();
    const rows = this.readReferences(recipient);
    this.recentReferences.set(key, { at: Date.now(), rows });
    rows.catch(() => this.recentReferences.delete(key));
    return rows;
  }

  private async readReferences(recipient: TeamsRecipient): Promise<Partial<ConversationReference>[]> {
    const personal = { scope: 'personal' };
    let where: Prisma.ConversationReferenceWhereInput;
    if (recipient.kind === 'staff') {
      // One query for both: the staff channel when there is one, else each staff member's chat.
      const rows = await this.database.prisma.conversationReference.findMany({
        where: { OR: [{ isStaffChannel: true }, { ...personal, teamsUser: { role: 'staff' } }] },
        select: { reference: true, isStaffChannel: true },
      });
      const channel = rows.filter((row) => row.isStaffChannel);
      return (channel.length > 0 ? channel : rows).map(
        (row) => row.reference as Partial<ConversationReference>,
      );
    } else if (recipient.kind === 'user') where = { ...personal, teamsUserId: recipient.id };
    else if (recipient.kind === 'provider') where = { ...personal, teamsUser: { providerId: recipient.id } };
    else where = { ...personal, teamsUser: { municipalityId: recipient.id, role: 'social_worker' } };
    const rows = await this.database.prisma.conversationReference.findMany({
      where,
      select: { reference: true },
    });
    return rows.map((row) => row.reference as Partial<ConversationReference>);
  }

  async staffTeamsIds(): Promise<string[]> {
    const rows = await this.database.prisma.conversationReference.findMany({
      where: { scope: 'personal', teamsUser: { role: 'staff' } },
      select: { reference: true },
      take: 60,
    });
    return rows
      .map((row) => (row.reference as Partial<ConversationReference>).user?.id)
      .filter((id): id is string => Boolean(id));
  }
}

/** A registered Teams user as the use cases know a caller. */
export function callerOfUser(user: {
  id: string;
  displayName: string;
  role: Caller['role'];
  municipalityId: string | null;
  providerId: string | null;
  municipality: { name: string } | null;
}): Caller {
  return {
    teamsUserId: user.id,
    displayName: user.displayName,
    role: user.role,
    municipalityId: user.municipalityId,
    municipalityName: user.municipality?.name ?? null,
    providerId: user.providerId,
  };
}
