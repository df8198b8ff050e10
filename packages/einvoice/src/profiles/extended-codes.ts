/**
 * Factur-X 1.09 EXTENDED rules on notes, partner identifiers, item attribute codes and
 * timestamps (BR-FXEXT-01…04 and BR-FXEXT-CII-DT-097a), after the profile's Schematron
 * (../shared/conformance/factur-x/profiles/extended/Factur-X_1.09_EXTENDED.xsl). Run on the CII
 * tree like the other EXTENDED rules (extended-rules.ts): they speak of terms our model does
 * not carry (coded notes BT-X-5 / BT-X-9, the EXTENDED parties, attribute codes).
 *
 * Contexts as the official ones select: 01 the document's notes (absolute path), 02 the line
 * notes anywhere (`//`), 03 and 04 anywhere (`//`), 097a every udt:DateTimeString of format 205.
 * Flags: BR-FXEXT-04 is a warning in the Schematron, the others carry no flag (fatal).
 */
import type { XmlElement } from '../xml/types.js';
import { attr, child } from '../xml/query.js';
import { normalizeSpace } from '../rules/cii/syntax-tree.js';

/** A rule that fired (extended-rules.ts's TreeHit: not imported, it imports this module). */
interface Hit {
  id: string;
  at: XmlElement;
  params?: Record<string, string>;
}

const RAM = 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100';
const RSM = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';
const UDT = 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100';

/**
 * BR-FXEXT-04: UNTDED 6313 with the Factur-X extension values, the list of the official
 * assert (a code compared whole, after white space is collapsed).
 */
const ATTRIBUTE_CODES = new Set(
  (
    'A AAA AAB AAC AAD AAF AAG AAH AAI AAJ AAK AAM AAN AAO AAP AAQ AAR AAS AAT AAU AAV AAW AAX ' +
    'AAY AAZ ABA ABB ABC ABD ABE ABF ABG ABH ABI ABJ ABK ABL ABM ABN ABO ABP ABS ABT ABX ABY ' +
    'ABZ ACA ACE ACG ACN ACP ACS ACV ACW ACX ADR ADS ADT ADU ADV ADW ADX ADY ADZ AEA AEB AEC AED ' +
    'AEE AEF AEG AEH AEI AEJ AEK AEL AEM AEN AEO AEP AEQ AER AES AET AEU AEV AEW AEX AEY AEZ AF ' +
    'AFA AFB AFC AFD AFE AFF AFG AFH AFI AFJ AFK AFL AFM AFN AFO AFP AFQ AFR AFS AFT AFU AFV AFW ' +
    'AFX B BL BMY BMZ BNA BNB BNC BND BNE BNF BNG BNH BNI BNJ BNK BNL BNM BNN BNO BNP BNQ BNR ' +
    'BNS BNT BNU BNV BNW BNX BNY BNZ BR BRA BRB BRC BRD BRE BRF BRG BRH BRI BRJ BRK BRL BRM BRN ' +
    'BRO BRP BRQ BRR BRS BRT BRU BRV BS BSW BSX BSY BSZ BTA BTB BTC BTD BTE BTF BTG BTH BTI BTJ ' +
    'BTK BTL BTM BW CHN CHO CM CT CV CZ D DI DL DN DP DR DS DW E EA F FI FL FN FV GG GW HF HM HT ' +
    'IB ID L LM LN LND M MO MW N OD PRS PTN RA RF RJ RMW RP RUN RY SQ T TC TH TN TT VGM VH VW WA ' +
    'WD WM WU XH XQ XZ YS ZAL ZAS ZB ZBI ZC ZCA ZCB ZCE ZCL ZCO ZCR ZCU ZFE ZFS ZGE ZH ZK ZMG ZMN ' +
    'ZMO ZN ZNA ZNB ZNI ZO ZP ZPB ZS ZSB ZSE ZSI ZSL ZSN ZTA ZTE ZTI ZV ZW ZWA ZZN ZZR ZZZ ' +
    'BEST_BEFORE_DATE COLOR_TEXT COMMISSION DEPOSIT_SYSTEM DEPOSIT_TYPE ENERGY_CLASS ' +
    'EXPIRATION_DATE FEE KIND_OF_ARTICLE MATERIAL METER_LOCATION METER_NUMBER ' +
    'ORGANIC_CONTROL_BODY PACKAGING_MATERIAL PACKAGING_TYPE PROMOTIONAL_VARIANT SEAL_NUMBER ' +
    'SIZE_CODE SIZE_TEXT TRADING_UNIT WASTE_CODE WASTE_FRACTION WEEE_NUMBER'
  ).split(' '),
);

/** Format 205 (CCYYMMDDHHMM), as the official regular expression reads it (\s, \d of XPath). */
const FORMAT_205 =
  /^[ \t\n\r]*\p{Nd}{4}(?:1[0-2]|0[1-9])(?:3[01]|[12][0-9]|0[1-9])(?:[01][0-9]|2[0-3])[0-5][0-9][ \t\n\r]*$/u;

const isRam = (el: XmlElement | null, local: string): boolean =>
  el !== null && el.ns === RAM && el.local === local;

/** A note with a subject code (BT-21 / BT-X-10) says something: a coded text or a text. */
function noteSaysSomething(note: XmlElement): boolean {
  if (!child(note, RAM, 'SubjectCode')) return true; // the context selects subject-coded notes
  return child(note, RAM, 'ContentCode') !== undefined || child(note, RAM, 'Content') !== undefined;
}

function underSeller(el: XmlElement): boolean {
  for (let p = el.parent; p; p = p.parent) if (isRam(p, 'SellerTradeParty')) return true;
  return false;
}

/** One walk of the tree for the `//` contexts; BR-FXEXT-01 from the document's notes. */
export function extendedCodes(root: XmlElement, hits: Hit[]): void {
  const doc = child(root, RSM, 'ExchangedDocument');
  for (const note of doc?.children ?? [])
    if (isRam(note, 'IncludedNote') && !noteSaysSomething(note))
      hits.push({ id: 'BR-FXEXT-01', at: note });
  const stack = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
    if (el.ns === UDT) {
      if (
        el.local === 'DateTimeString' &&
        attr(el, 'format') === '205' &&
        !FORMAT_205.test(el.text)
      )
        hits.push({ id: 'BR-FXEXT-CII-DT-097a', at: el, params: { value: el.text.trim() } });
      continue;
    }
    if (el.ns !== RAM) continue;
    const parent = el.parent;
    switch (el.local) {
      case 'IncludedNote':
        if (isRam(parent, 'AssociatedDocumentLineDocument') && !noteSaysSomething(el))
          hits.push({ id: 'BR-FXEXT-02', at: el });
        break;
      case 'ID':
        if (
          isRam(parent, 'SpecifiedTaxRegistration') &&
          attr(el, 'schemeID') !== 'VA' &&
          !underSeller(el)
        )
          hits.push({
            id: 'BR-FXEXT-03',
            at: el,
            params: { scheme: attr(el, 'schemeID') ?? '' },
          });
        break;
      case 'TypeCode':
        if (isRam(parent, 'ApplicableProductCharacteristic')) {
          const code = normalizeSpace(el.text); // XML white space only: a no-break space stays
          if (!ATTRIBUTE_CODES.has(code))
            hits.push({ id: 'BR-FXEXT-04', at: el, params: { value: code } });
        }
        break;
    }
  }
}
