import { sipReasons } from '../strings.js';
import type { CifAudioSettingsStrings, CifSipStrings } from '../strings.js';

export const sip: CifSipStrings = {
  idle: 'Telefoon uit',
  connecting: 'Telefoon maakt verbinding…',
  registering: 'Telefoon wordt geregistreerd…',
  registered: (user) => `Telefoon gereed (${user})`,
  registeredElsewhere: (user) => `Telefoon gereed (${user}), in een ander tabblad`,
  reconnecting: 'Verbinding verbroken: opnieuw verbinden…',
  failed: (reason) => `Telefoon niet geregistreerd: ${reason}`,
  reason: sipReasons({
    'invalid-argument': 'server of adres ongeldig',
    transport: 'telefooncentrale niet bereikbaar',
    'registration-refused': 'geweigerd door de telefooncentrale',
    'auth-failed': 'gebruikersnaam of wachtwoord onjuist',
    timeout: 'geen antwoord van de telefooncentrale',
    busy: 'In gesprek',
    declined: 'Oproep geweigerd',
    'not-found': 'Nummer niet gevonden',
    unavailable: 'Bestemming niet bereikbaar',
    microphone: 'geen toegang tot de microfoon',
    'ice-failed': 'audioverbinding mislukt',
    'call-failed': 'oproep mislukt',
  }),
  unknownError: 'onbekende fout',
  retry: 'Opnieuw proberen',
};

export const audioSettings: CifAudioSettingsStrings = {
  heading: 'Audio',
  microphone: 'Microfoon',
  speaker: 'Luidspreker',
  systemDefault: 'Systeemstandaard',
  unnamedDevice: (kind, _n, f) => `${kind === 'microphone' ? 'Microfoon' : 'Luidspreker'} ${f}`,
  allow: 'Microfoon toestaan',
  level: 'Microfoonniveau',
  checkMicrophone: 'Microfoon testen',
  stopCheck: 'Test stoppen',
  testSpeaker: 'Testtoon afspelen',
  testing: 'Testtoon wordt afgespeeld…',
  denied: 'De microfoon is geblokkeerd voor deze site. Sta hem toe in de site-instellingen van uw browser en probeer het opnieuw.',
  noMicrophone: 'Geen microfoon gevonden.',
  speakerFixed: 'Deze browser speelt gesprekken af via de systeemluidspreker.',
};
