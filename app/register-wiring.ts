import { PdfLibDailyRegister } from '../documents/daily-register-pdf.js';
import type { Database } from '../prisma/database/database.js';
import { PrismaRegisterStore } from '../prisma/repositories/prisma-register-store.js';
import { ProtocolRegister } from '../services/register/protocol-register.js';
import type { SportelloConfig } from './config.js';

/** The protocol register's outputs on the database: the daily register and the segnature. */
export function wireProtocolRegister(config: SportelloConfig, database: Database): ProtocolRegister {
  return new ProtocolRegister(
    new PrismaRegisterStore(database),
    new PdfLibDailyRegister(),
    config.office.register,
    config.office.name,
  );
}
