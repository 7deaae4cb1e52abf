import type { Prisma } from '../generated/client.js';
import type { NewForecast } from '../../services/forecasts/forecast-records.js';
import { toDateColumn } from './date-columns.js';

/** A forecast and its rows, written inside the intake's transaction. */
export async function insertForecast(
  tx: Prisma.TransactionClient,
  inboundId: string,
  forecast: NewForecast,
): Promise<void> {
  await tx.forecast.create({
    data: {
      id: forecast.id,
      inboundMessageId: inboundId,
      municipalityId: forecast.municipalityId,
      service: forecast.service,
      receivedOn: toDateColumn(forecast.receivedOn),
      periodFrom: toDateColumn(forecast.period.from),
      periodTo: toDateColumn(forecast.period.to),
      dueBy: toDateColumn(forecast.period.dueBy),
      late: forecast.period.late,
    },
  });
  if (forecast.lines.length === 0) return;
  await tx.forecastLine.createMany({
    data: forecast.lines.map((line, position) => ({
      forecastId: forecast.id,
      position,
      taxCode: line.taxCode,
      continuedProjectId: line.continuedProjectId,
      annualMinutes: line.annualMinutes,
      festiveMinutes: line.festiveMinutes,
      budgetCents: line.budgetCents,
    })),
  });
}
