/** One line of the LEGENDA PRESTAZIONI SERVIZI ACCREDITATI, used for the main and secondary activities. */
export interface ServiceActivityCode {
  readonly code: string;
  readonly description: string;
  /** The form's service group the code belongs to. */
  readonly group: 'SAD-SADH' | 'ADM' | 'ADEA' | 'SAAP' | 'SIP';
}

// disciplinare, allegato "LEGENDA PRESTAZIONI SERVIZI ACCREDITATI"
export const serviceActivityCodes: readonly ServiceActivityCode[] = [
  {
    code: 'ADEA-01',
    group: 'ADEA',
    description: 'Facilitazione/mediazione con i genitori e altri adulti significativi',
  },
  { code: 'ADEA-02', group: 'ADEA', description: 'Gioco e attività ricreative' },
  { code: 'ADEA-03', group: 'ADEA', description: 'Socializzazione con il gruppo dei pari' },
  { code: 'ADEA-04', group: 'ADEA', description: "Attività d'implementazione abilità relazionali e sociali" },
  { code: 'ADEA-05', group: 'ADEA', description: 'Equipe, incontri di verifica e monitoraggio' },
  { code: 'ADEA-06', group: 'ADEA', description: 'Stesura relazioni e progetti' },
  {
    code: 'ADM-01',
    group: 'ADM',
    description:
      'Interventi di osservazione delle dinamiche educative e relazionali interne al nucleo familiare',
  },
  {
    code: 'ADM-02',
    group: 'ADM',
    description: 'Intervento educativo nei confronti dei familiari del minore',
  },
  { code: 'ADM-03', group: 'ADM', description: "Sostegno e aiuto nell'apprendimento scolastico" },
  { code: 'ADM-04', group: 'ADM', description: 'Interventi di vigilanza sulla relazione genitori-figli' },
  {
    code: 'ADM-05',
    group: 'ADM',
    description:
      'Partecipazione ad incontri di minori con i genitori su mandato della magistratura, con compiti educativi e di osservazione',
  },
  {
    code: 'ADM-06',
    group: 'ADM',
    description:
      'Interventi tesi a favorire lo sviluppo personale ed il rapporto con i membri del nucleo familiare',
  },
  {
    code: 'ADM-07',
    group: 'ADM',
    description: "Interventi tesi a favorire lo sviluppo e l'autonomia personale",
  },
  { code: 'ADM-08', group: 'ADM', description: 'Interventi a carattere ludico-ricreativo' },
  {
    code: 'ADM-09',
    group: 'ADM',
    description:
      'Attività di accompagnamento a centri di terapia, ad attività culturali, sportive, ricreative e formative',
  },
  { code: 'ADM-10', group: 'ADM', description: "Sostegno educativo alla cura e all'accudimento del minore" },
  { code: 'ADM-11', group: 'ADM', description: 'Interventi di monitoraggio delle funzioni genitoriali' },
  { code: 'ADM-12', group: 'ADM', description: 'Interventi per la protezione e tutela del minore' },
  { code: 'ADM-13', group: 'ADM', description: 'Equipe, incontri di verifica e monitoraggio' },
  { code: 'ADM-14', group: 'ADM', description: 'Stesura relazioni e progetti' },
  { code: 'ADM-15', group: 'ADM', description: 'Prestazione a distanza' },
  { code: 'SAAP-01', group: 'SAAP', description: 'Attività in piccoli gruppi/laboratorio' },
  { code: 'SAAP-02', group: 'SAAP', description: 'Coordinamento equipe' },
  { code: 'SAAP-03', group: 'SAAP', description: 'Intervento in ambito scolastico' },
  { code: 'SAAP-04', group: 'SAAP', description: 'Uscite - attività programmate autorizzate' },
  { code: 'SAAP-05', group: 'SAAP', description: 'Intervento in ambito extra scolastico' },
  { code: 'SAAP-06', group: 'SAAP', description: 'Ore previste da patto per attività di rete n.f.' },
  { code: 'SAAP-07', group: 'SAAP', description: 'Prestazioni a distanza' },
  { code: 'SAD-01', group: 'SAD-SADH', description: 'Aiuto diretto alla mobilità della persona' },
  {
    code: 'SAD-02',
    group: 'SAD-SADH',
    description:
      "Disbrigo delle faccende domestiche, pulizia dell'ambiente, riordino e cambio della biancheria",
  },
  {
    code: 'SAD-03',
    group: 'SAD-SADH',
    description:
      'Stiratura, cucito, piccoli lavori di bucato, collegamento con i servizi di lavanderia, acquisti',
  },
  { code: 'SAD-04', group: 'SAD-SADH', description: 'Preparazione a domicilio dei pasti' },
  {
    code: 'SAD-05',
    group: 'SAD-SADH',
    description: 'Consulenza sulle corrette norme igieniche e alimentari',
  },
  {
    code: 'SAD-06',
    group: 'SAD-SADH',
    description:
      'Accompagnamento per il disbrigo di pratiche varie (riscossione pensioni, visite mediche etc.)',
  },
  {
    code: 'SAD-07',
    group: 'SAD-SADH',
    description: 'Aiuto nel mantenimento dei rapporti amicali o di vicinato',
  },
  {
    code: 'SAD-08',
    group: 'SAD-SADH',
    description:
      'Igiene della persona relativamente a prestazioni semplici e non relative alle professioni sanitarie',
  },
  { code: 'SAD-08-01', group: 'SAD-SADH', description: 'Bagno assistito' },
  { code: 'SAD-08-02', group: 'SAD-SADH', description: 'Igiene personale' },
  { code: 'SAD-09', group: 'SAD-SADH', description: 'Altro' },
  { code: 'SAD-SADH-10', group: 'SAD-SADH', description: 'Equipe, incontri di verifica e monitoraggio' },
  { code: 'SAD-SADH-11', group: 'SAD-SADH', description: 'Stesura relazioni e progetti' },
  { code: 'SAD-SADH-12', group: 'SAD-SADH', description: 'Prestazione a distanza' },
  { code: 'SIP-01', group: 'SIP', description: 'Incontro protetto - altro' },
  { code: 'SIP-02', group: 'SIP', description: 'Incontro protetto con entrambi i genitori' },
  { code: 'SIP-03', group: 'SIP', description: 'Incontro protetto con parenti' },
  { code: 'SIP-04', group: 'SIP', description: 'Incontro protetto con un solo genitore' },
  { code: 'SIP-05', group: 'SIP', description: 'Equipe, incontri di verifica e monitoraggio' },
  { code: 'SIP-06', group: 'SIP', description: 'Stesura relazioni e progetti' },
  { code: 'SIP-07', group: 'SIP', description: 'Prestazione a distanza' },
];

/** Normalises "sad - sadh 10", "SAD-SADH-10", "sad 08 01" to the legend's spelling; null when unknown. */
export function findServiceActivityCode(text: string): ServiceActivityCode | null {
  const compact = text
    .toUpperCase()
    .replace(/[\s–—_]+/g, '-')
    .replace(/-+/g, '-');
  return serviceActivityCodes.find((entry) => entry.code === compact) ?? null;
}
