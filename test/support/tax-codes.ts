import { createHash } from 'node:crypto';

const months = 'ABCDEHLMPRST';
const odd: Record<string, number> = Object.fromEntries(
  [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((char, index) => [
    char,
    [
      1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14,
      16, 10, 22, 25, 24, 23,
    ][index]!,
  ]),
);

/** Consonants then vowels then X, as the codice fiscale spells a surname or a name (three letters). */
function letters(word: string, isName: boolean): string {
  const plain = word.toUpperCase().replace(/[^A-Z]/g, '');
  const consonants = plain.replace(/[AEIOU]/g, '');
  const vowels = plain.replace(/[^AEIOU]/g, '');
  if (isName && consonants.length >= 4) return consonants[0]! + consonants[2]! + consonants[3]!;
  return `${consonants}${vowels}XXX`.slice(0, 3);
}

/**
 * A valid codice fiscale for a test beneficiary born in Crema (D142) on `birth` (YYYY-MM-DD), so that
 * tests can give each form a person of its own (a beneficiary with a running project is a duplicate).
 */
export function taxCodeOf(person: { surname: string; name: string; birth: string; female: boolean }): string {
  const [year, month, day] = person.birth.split('-').map(Number) as [number, number, number];
  const head = `${letters(person.surname, false)}${letters(person.name, true)}${String(year % 100).padStart(2, '0')}${months[month - 1]}${String(day + (person.female ? 40 : 0)).padStart(2, '0')}D142`;
  const sum = [...head].reduce(
    (total, char, index) =>
      total + (index % 2 === 0 ? odd[char]! : /\d/.test(char) ? Number(char) : char.charCodeAt(0) - 65),
    0,
  );
  return head + String.fromCharCode(65 + (sum % 26));
}

/** The lines of an activation for a person of the test's own: surname, name, birth date and codice fiscale that agree. */
export function beneficiaryFields(surname: string, name: string, birth = '1950-04-03', female = true) {
  const [year, month, day] = birth.split('-');
  return {
    cognome: surname,
    nome: name,
    nascita: `${day}/${month}/${year}`,
    cf: taxCodeOf({ surname, name, birth, female }),
  };
}

const daySpan = 80 * 365;
const assignedDays = new Map<string, number>();
const takenDays = new Set<number>();

/**
 * A birth date between 1920 and 1999 for `id`: the same for the same id, and never the same for two
 * ids of one test process (a hash, then the next free day), so that each message is a person of its
 * own (two messages of one beneficiary and service would be a duplicate, answered as such).
 */
export function birthDateFor(id: string): string {
  let day = assignedDays.get(id);
  if (day === undefined) {
    day = createHash('sha256').update(id).digest().readUInt32BE(0) % daySpan;
    while (takenDays.has(day)) day = (day + 1) % daySpan;
    takenDays.add(day);
    assignedDays.set(id, day);
  }
  return new Date(Date.UTC(1920, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
}
