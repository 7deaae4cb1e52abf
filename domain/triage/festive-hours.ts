// Seed l. 3156, 3194: SAD/SADH hours on Sundays and national holidays are paid at the festive tariff;
// the form has no box for them, so the Comune writes them beside the hours («di cui 30 ore la
// domenica e nei festivi», «di cui 12 ore festive»).
const festiveWords = /\bdi cui (\d{1,4}(?:[.,]\d{1,2})?) ?(?:ore|h)\b[^.;]{0,40}?\b(?:domenic|festiv)/;

/** The hours a text says fall on Sundays and holidays, or null when it says nothing of them. */
export function festiveHoursIn(text: string): number | null {
  const plain = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ');
  const match = festiveWords.exec(plain);
  if (!match) return null;
  const hours = Number(match[1]!.replace(',', '.'));
  return Number.isFinite(hours) && hours > 0 ? hours : null;
}
