import { isAppError } from '../../domain/app-error.js';

/** Runs a command-line task, printing a clear Italian message and exiting 1 on failure. */
export async function runCli(task: () => Promise<number | void>): Promise<void> {
  try {
    const code = await task();
    process.exitCode = code ?? 0;
  } catch (error) {
    const message = isAppError(error)
      ? `${error.userMessage} (${error.code}: ${error.message})`
      : String(error);
    process.stderr.write(`Errore: ${message}\n`);
    process.exitCode = 1;
  }
}
