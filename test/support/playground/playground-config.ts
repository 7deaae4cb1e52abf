/** A Teams user of the playground (the config needs one current user and exactly five others). */
export interface PlaygroundUser {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
  readonly email: string;
}

const filler = (index: number): PlaygroundUser => ({
  id: `user-filler-${index}`,
  name: `Collega ${index}`,
  aadObjectId: `00000000-0000-0000-0000-00000000010${index}`,
  email: `collega${index}@example.test`,
});

const yamlUser = (user: PlaygroundUser, indent: string) =>
  [
    `${indent}id: ${user.id}`,
    `${indent}name: ${JSON.stringify(user.name)}`,
    `${indent}userPrincipleName: ${user.email}`,
    `${indent}aadObjectId: ${user.aadObjectId}`,
    `${indent}givenName: ${JSON.stringify(user.name.split(' ')[0])}`,
    `${indent}surname: ${JSON.stringify(user.name.split(' ').slice(1).join(' ') || user.name)}`,
    `${indent}email: ${user.email}`,
  ].join('\n');

/** `.m365agentsplayground.yml` with `current` as the user typing in the browser. */
export function playgroundConfig(
  current: PlaygroundUser,
  others: readonly PlaygroundUser[],
  tenantId: string,
): string {
  const users = [...others, ...[1, 2, 3, 4, 5].map(filler)].slice(0, 5);
  return [
    'version: "0.1.1"',
    `tenantId: ${tenantId}`,
    'bot:',
    '  id: 00000000-0000-0000-0000-000000000011',
    '  name: Sportello',
    'currentUser:',
    yamlUser(current, '  '),
    'users:',
    ...users.map((user) => yamlUser(user, '    ').replace(/^ {4}/, '  - ')),
    'personalChat:',
    `  id: personal-chat-${current.id}`,
    'groupChat:',
    '  id: group-chat-sportello',
    '  name: Ufficio',
    'team:',
    '  id: team-sportello',
    '  name: Comunità Sociale Cremasca',
    '  aadGroupId: 00000000-0000-0000-0000-000000000031',
    '  channels:',
    '    - id: channel-staff',
    '      name: Amministrazione',
    '',
  ].join('\n');
}
