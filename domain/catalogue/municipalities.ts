import { normalizeForMatching } from '../text/normalize-for-matching.js';

/** A Comune of the Ambito Territoriale Cremasco (ISTAT code, cadastral code, official name). */
export interface Municipality {
  readonly istatCode: string;
  readonly cadastralCode: string;
  readonly name: string;
}

// The 48 Comuni soci (disciplinare, PREMESSA; data/ambito-cremasco-comuni.csv, ISTAT 2020 snapshot).
// Kept in step with the CSV beside this file by test/domain/municipalities.unit.test.ts.
export const ambitoMunicipalities: readonly Municipality[] = [
  { istatCode: '019002', cadastralCode: 'A076', name: 'Agnadello' },
  { istatCode: '019005', cadastralCode: 'A570', name: 'Bagnolo Cremasco' },
  { istatCode: '019010', cadastralCode: 'B484', name: 'Camisano' },
  { istatCode: '019011', cadastralCode: 'B498', name: 'Campagnola Cremasca' },
  { istatCode: '019012', cadastralCode: 'B650', name: 'Capergnanica' },
  { istatCode: '019015', cadastralCode: 'B686', name: 'Capralba' },
  { istatCode: '019017', cadastralCode: 'B881', name: 'Casale Cremasco-Vidolasco' },
  { istatCode: '019018', cadastralCode: 'B889', name: 'Casaletto Ceredano' },
  { istatCode: '019019', cadastralCode: 'B890', name: 'Casaletto di Sopra' },
  { istatCode: '019020', cadastralCode: 'B891', name: 'Casaletto Vaprio' },
  { istatCode: '019024', cadastralCode: 'C115', name: 'Castel Gabbiano' },
  { istatCode: '019025', cadastralCode: 'C153', name: 'Castelleone' },
  { istatCode: '019029', cadastralCode: 'C634', name: 'Chieve' },
  { istatCode: '019034', cadastralCode: 'D141', name: 'Credera Rubbiano' },
  { istatCode: '019035', cadastralCode: 'D142', name: 'Crema' },
  { istatCode: '019037', cadastralCode: 'D151', name: 'Cremosano' },
  { istatCode: '019039', cadastralCode: 'D203', name: 'Cumignano sul Naviglio' },
  { istatCode: '019041', cadastralCode: 'D358', name: 'Dovera' },
  { istatCode: '019043', cadastralCode: 'D574', name: 'Fiesco' },
  { istatCode: '019047', cadastralCode: 'D966', name: 'Genivolta' },
  { istatCode: '019049', cadastralCode: 'E082', name: 'Gombito' },
  { istatCode: '019054', cadastralCode: 'E380', name: 'Izano' },
  { istatCode: '019055', cadastralCode: 'E793', name: 'Madignano' },
  { istatCode: '019058', cadastralCode: 'F434', name: 'Monte Cremasco' },
  { istatCode: '019059', cadastralCode: 'F681', name: 'Montodine' },
  { istatCode: '019060', cadastralCode: 'F761', name: 'Moscazzano' },
  { istatCode: '019062', cadastralCode: 'G004', name: 'Offanengo' },
  { istatCode: '019066', cadastralCode: 'G260', name: 'Palazzo Pignano' },
  { istatCode: '019067', cadastralCode: 'G306', name: 'Pandino' },
  { istatCode: '019072', cadastralCode: 'G558', name: 'Pianengo' },
  { istatCode: '019073', cadastralCode: 'G603', name: 'Pieranica' },
  { istatCode: '019078', cadastralCode: 'H130', name: 'Quintano' },
  { istatCode: '019079', cadastralCode: 'H276', name: 'Ricengo' },
  { istatCode: '019080', cadastralCode: 'H314', name: 'Ripalta Arpina' },
  { istatCode: '019081', cadastralCode: 'H315', name: 'Ripalta Cremasca' },
  { istatCode: '019082', cadastralCode: 'H316', name: 'Ripalta Guerina' },
  { istatCode: '019084', cadastralCode: 'H357', name: "Rivolta d'Adda" },
  { istatCode: '019086', cadastralCode: 'H508', name: 'Romanengo' },
  { istatCode: '019087', cadastralCode: 'H731', name: 'Salvirola' },
  { istatCode: '019094', cadastralCode: 'I627', name: 'Sergnano' },
  { istatCode: '019097', cadastralCode: 'I827', name: 'Soncino' },
  { istatCode: '019102', cadastralCode: 'I914', name: "Spino d'Adda" },
  { istatCode: '019104', cadastralCode: 'L164', name: 'Ticengo' },
  { istatCode: '019105', cadastralCode: 'L221', name: 'Torlino Vimercati' },
  { istatCode: '019109', cadastralCode: 'L389', name: 'Trescore Cremasco' },
  { istatCode: '019110', cadastralCode: 'L426', name: 'Trigolo' },
  { istatCode: '019111', cadastralCode: 'L535', name: 'Vaiano Cremasco' },
  { istatCode: '019112', cadastralCode: 'L539', name: 'Vailate' },
];

const byNormalizedName = new Map(ambitoMunicipalities.map((m) => [normalizeForMatching(m.name), m]));

/**
 * Finds a Comune of the Ambito by name, ignoring case, accents, apostrophes, hyphens and a leading
 * "Comune di". Returns null for a town outside the Ambito.
 */
export function findAmbitoMunicipality(name: string): Municipality | null {
  const normalized = normalizeForMatching(name)
    .replace(/^comune (di )?/, '')
    .replace(/ cr$/, '');
  return byNormalizedName.get(normalized) ?? null;
}
