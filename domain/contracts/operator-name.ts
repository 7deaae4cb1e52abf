// Seed l. 216-219: with the signed contract the provider names «l'operatore incaricato delle
// prestazioni»; providers write it in the covering e-mail («Operatore incaricato: Lucia Verdi»).
const operatorWords =
  /\b[Oo]perat(?:ore|rice)(?:\s+(?:incaricat[oa]|di riferimento|assegnat[oa]|individuat[oa]))?\s*(?:è|e'|sarà|:|-|–)?\s*(?:il\s+|la\s+)?(?:(?:[Ss]ig(?:\.ra|\.a|nora|nor|\.)?|[Dd]ott(?:\.ssa|oressa|ore|\.)?)\s*)?([A-ZÀ-Ý][a-zà-ÿ']+(?:[ \t]+[A-ZÀ-Ý][a-zà-ÿ']+){1,2})/;

/** The name of the operator a provider's message assigns, or null when it names none. */
export function operatorNameIn(text: string): string | null {
  const match = operatorWords.exec(text);
  const name = match?.[1]?.trim() ?? null;
  return name && name.length <= 80 ? name : null;
}
