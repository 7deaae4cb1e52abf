import type { Caller } from '../../services/access/caller.js';
import type { Database } from '../database/database.js';
import { callerOfUser } from './prisma-teams-directory.js';

const callerSelect = {
  id: true,
  displayName: true,
  role: true,
  municipalityId: true,
  providerId: true,
  municipality: { select: { name: true } },
} as const;

/** The people the console signs in: by their registry id (a session), and the demo ones to choose from. */
export class PrismaConsolePeople {
  constructor(private readonly database: Database) {}

  async callerById(teamsUserId: string): Promise<Caller | null> {
    if (!/^[0-9a-f-]{36}$/i.test(teamsUserId)) return null;
    const user = await this.database.prisma.teamsUser.findUnique({
      where: { id: teamsUserId },
      select: callerSelect,
    });
    return user ? callerOfUser(user) : null;
  }

  /** The demo users (local mode only), grouped by role. */
  async demoCallers(): Promise<Caller[]> {
    const users = await this.database.prisma.teamsUser.findMany({
      where: { isDemo: true },
      select: callerSelect,
      orderBy: [{ role: 'desc' }, { displayName: 'asc' }],
    });
    return users.map(callerOfUser);
  }
}
