/**
 * Factur-X profiles: from the XML's specification identifier (BT-24) and from the XMP
 * fx:ConformanceLevel, and back (the writer needs the XMP value of a profile).
 */
import type { FacturXProfile } from './read-types.js';
import type { XmlElement } from '../xml/types.js';

/** BT-24 values, exact (Factur-X 1.0 and ZUGFeRD 2.x wrote their own ids for the same levels). */
const GUIDELINE_PROFILES: Record<string, FacturXProfile> = {
  'urn:factur-x.eu:1p0:minimum': 'MINIMUM',
  'urn:factur-x.eu:1p0:basicwl': 'BASIC WL',
  'urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic': 'BASIC',
  'urn:cen.eu:en16931:2017': 'EN 16931',
  'urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended': 'EXTENDED',
  'urn:zugferd.de:2p0:minimum': 'MINIMUM',
  'urn:zugferd.de:2p0:basicwl': 'BASIC WL',
  'urn:cen.eu:en16931:2017#compliant#urn:zugferd.de:2p0:basic': 'BASIC',
  'urn:cen.eu:en16931:2017#conformant#urn:zugferd.de:2p0:extended': 'EXTENDED',
  'urn:cen.eu:en16931:2017#conformant#urn.cpro.gouv.fr:1p0:extended-ctc-fr': 'EXTENDED-CTC-FR',
};

/** The profile a BT-24 value designates, or null for an id of no known Factur-X profile. */
export function profileFromGuideline(id: string): FacturXProfile | null {
  const v = id.trim();
  const exact = GUIDELINE_PROFILES[v];
  if (exact) return exact;
  // XRechnung ids carry a version (…:xrechnung_2.3, …:xrechnung_3.0) and moved namespace once.
  if (v.startsWith('urn:cen.eu:en16931:2017#compliant#') && v.includes(':xrechnung'))
    return 'XRECHNUNG';
  if (v.includes('extended-ctc-fr')) return 'EXTENDED-CTC-FR';
  return null;
}

/** fx:ConformanceLevel values, normalised to upper case with single spaces. */
const XMP_LEVELS: Record<string, FacturXProfile> = {
  MINIMUM: 'MINIMUM',
  'BASIC WL': 'BASIC WL',
  BASICWL: 'BASIC WL',
  BASIC: 'BASIC',
  'EN 16931': 'EN 16931',
  EN16931: 'EN 16931',
  COMFORT: 'EN 16931', // ZUGFeRD 2.0 name of the EN 16931 level
  EXTENDED: 'EXTENDED',
  'EXTENDED-CTC-FR': 'EXTENDED-CTC-FR',
  'EXTENDED CTC FR': 'EXTENDED-CTC-FR',
  XRECHNUNG: 'XRECHNUNG',
};

export function profileFromXmp(level: string): FacturXProfile | null {
  const key = level
    .trim()
    .toUpperCase()
    .replace(/[\s_]+/g, ' ');
  return XMP_LEVELS[key] ?? null;
}

/** The fx:ConformanceLevel to write for a profile (the CTC-FR extension is declared as
 * EXTENDED, the level it extends, in readers' eyes). */
export const XMP_CONFORMANCE_LEVEL: Record<FacturXProfile, string> = {
  MINIMUM: 'MINIMUM',
  'BASIC WL': 'BASIC WL',
  BASIC: 'BASIC',
  'EN 16931': 'EN 16931',
  EXTENDED: 'EXTENDED',
  'EXTENDED-CTC-FR': 'EXTENDED',
  XRECHNUNG: 'XRECHNUNG',
};

/** Profiles that agree: the XMP may declare EXTENDED for an EXTENDED-CTC-FR XML. */
export function profilesAgree(xml: FacturXProfile, xmp: FacturXProfile): boolean {
  if (xml === xmp) return true;
  return xml === 'EXTENDED-CTC-FR' && xmp === 'EXTENDED';
}

function firstChild(el: XmlElement | undefined, local: string): XmlElement | undefined {
  return el?.children.find((c) => c.local === local);
}

/**
 * BT-24 of an invoice tree, whatever its syntax: CII (and ZUGFeRD 1.0, whose context element
 * has another name) or UBL. Matched on local names so that a namespace slip in a received file
 * does not hide the profile (the validator reports such slips).
 */
export function guidelineIdOf(root: XmlElement): string | undefined {
  if (root.local === 'Invoice' || root.local === 'CreditNote')
    return firstChild(root, 'CustomizationID')?.text.trim();
  const context =
    firstChild(root, 'ExchangedDocumentContext') ??
    firstChild(root, 'SpecifiedExchangedDocumentContext');
  return firstChild(
    firstChild(context, 'GuidelineSpecifiedDocumentContextParameter'),
    'ID',
  )?.text.trim();
}
