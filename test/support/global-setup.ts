import { buildServer } from './start-process.js';

/** Once before every test file: the compiled server the process tests start, as `npm start` would. */
export default function setup(): void {
  buildServer();
}
