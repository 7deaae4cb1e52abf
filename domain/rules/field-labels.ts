/** The Italian label of each form field, as printed on the forms, for messages to the Comuni. */
export const fieldLabels: Readonly<Record<string, string>> = {
  service: 'TIPO DI SERVIZIO',
  'beneficiary.surname': 'COGNOME del beneficiario',
  'beneficiary.name': 'NOME del beneficiario',
  'beneficiary.birthDate': 'DATA DI NASCITA del beneficiario',
  'beneficiary.taxCode': 'CODICE FISCALE del beneficiario',
  'beneficiary.municipality': 'COMUNE DI RESIDENZA del beneficiario',
  'request.startDate': 'DATA DI AVVIO',
  'request.endDate': 'DATA TERMINE SERVIZIO',
  'request.effectiveDate': 'DATA DI DECORRENZA VARIAZIONE PROGETTUALE',
  'request.annualHours': 'MONTE ORE ANNUALE',
  'request.annualBudget': 'BUDGET ANNUALE',
  'request.provider': 'ENTE ACCREDITATO PRESCELTO',
  'request.coPayingMunicipality': 'Comune che compartecipa alla spesa',
  'request.operatorProfile': "profilo dell'operatore (SAAP)",
  'request.upperSecondary': 'frequenza scuola secondaria di II° grado',
  'request.dayUnit': "UDO presso cui è richiesto l'inserimento",
  'request.attendance': 'TIPO DI FREQUENZA PREVISTA',
  'request.change': 'VARIAZIONE RICHIESTA',
  'request.reason': 'motivo della cessazione',
  'request.endDateCessation': 'data di cessazione',
  'request.socialWorker': 'ASSISTENTE SOCIALE DI RIFERIMENTO',
  'request.mainActivityCode': 'PRESTAZIONE PREVALENTE',
  'request.signedOn': 'data di firma',
};

export function fieldLabel(path: string): string {
  return fieldLabels[path] ?? path;
}
