import { userInfo } from 'node:os';
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

/** Who runs an office command, for the read log: the server's user account. */
export function systemUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'sconosciuto';
  }
}
