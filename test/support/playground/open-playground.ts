import { AgentsPlayground } from './agents-playground.js';
import type { PlaygroundUser } from './playground-config.js';

// npm run playground -- [staff|as-crema|as-offanengo|girasole|igea] [bot URL]
// Opens the Microsoft 365 Agents Playground on http://127.0.0.1:56000 as one of the demo users,
// talking to a running Sportello (default: the one `npm start` serves).
const demoUsers: Record<string, PlaygroundUser> = {
  staff: {
    id: 'user-staff',
    name: 'Ufficio Amministrazione',
    aadObjectId: 'demo-staff-amministrazione',
    email: 'amministrazione@demo.comunitasocialecremasca.it',
  },
  'as-crema': {
    id: 'user-as-crema',
    name: 'Anna Bianchi',
    aadObjectId: 'demo-as-crema',
    email: 'anna.bianchi@demo.comune.crema.cr.it',
  },
  'as-offanengo': {
    id: 'user-as-offanengo',
    name: 'Laura Ferrari',
    aadObjectId: 'demo-as-offanengo',
    email: 'laura.ferrari@demo.comune.offanengo.cr.it',
  },
  girasole: {
    id: 'user-girasole',
    name: 'Coordinamento Il Girasole',
    aadObjectId: 'demo-ente-girasole',
    email: 'coordinamento@ilgirasole.example',
  },
  igea: {
    id: 'user-igea',
    name: 'Coordinamento Igea',
    aadObjectId: 'demo-ente-igea',
    email: 'coordinamento@coopigea.example',
  },
};

const [who = 'staff', botUrl = 'http://127.0.0.1:3978'] = process.argv.slice(2);
const user = demoUsers[who];
if (!user) {
  console.error(`Utente demo sconosciuto «${who}». Scegliere tra: ${Object.keys(demoUsers).join(', ')}.`);
  process.exit(2);
}
const playground = new AgentsPlayground(56000, `${botUrl.replace(/\/$/, '')}/api/messages`, user);
await playground.start();
console.log(`Agents Playground: ${playground.url} (come ${user.name}); Ctrl+C per chiudere.`);
const stop = () => void playground.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
