/**
 * Validation by Factur-X profile: MINIMUM and BASIC WL samples are valid Factur-X (judged by
 * their profile's rules), mutations of them are refused with clear findings, and the
 * EN 16931 level profiles keep exactly validate()'s verdict.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate.js';
import { validateFacturX } from '../../src/profiles/validate-facturx.js';
import { PROFILE_MESSAGES, profileRuleMessage } from '../../src/profiles/messages.js';
import { readCii } from '../../src/cii/read.js';
import { parseXml } from '../../src/xml/parse.js';
import { makeFacturXCase } from '../support/diff/facturx.js';

const dir = join(import.meta.dirname, '../../../../../shared/conformance/factur-x/xml');
const sample = (name: string): string => readFileSync(join(dir, name), 'utf8');
const MINIMUM = sample('factur-x-minimum.xml');
const BASIC_WL = sample('factur-x-basicwl.xml');

/** Replaces exactly one occurrence, so that a mutation cannot silently miss. */
function mutate(xml: string, from: string, to: string): string {
  const i = xml.indexOf(from);
  if (i < 0 || xml.indexOf(from, i + 1) >= 0) throw new Error(`not exactly one ${from}`);
  return xml.slice(0, i) + to + xml.slice(i + from.length);
}

const LINE = `<ram:IncludedSupplyChainTradeLineItem>
  <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
  <ram:SpecifiedTradeProduct><ram:Name>Article</ram:Name></ram:SpecifiedTradeProduct>
  <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>95.00</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
  <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
  <ram:SpecifiedLineTradeSettlement>
    <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20.00</ram:RateApplicablePercent></ram:ApplicableTradeTax>
    <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>95.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
  </ram:SpecifiedLineTradeSettlement>
</ram:IncludedSupplyChainTradeLineItem>
<ram:ApplicableHeaderTradeAgreement>`;

const withLine = (xml: string): string => mutate(xml, '<ram:ApplicableHeaderTradeAgreement>', LINE);

describe('validateFacturX — MINIMUM', () => {
  it('is EN 16931-invalid but valid for its own profile', () => {
    expect(validate(MINIMUM).valid).toBe(false);
    const r = validateFacturX(MINIMUM);
    expect(r.profile).toBe('MINIMUM');
    expect(r.rules).toBe('MINIMUM');
    expect(r.fatal).toEqual([]);
    expect(r.warning).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.syntax).toBe('CII');
    expect(r.invoice?.id).toBe('F20260023');
  });

  it('refuses a MINIMUM invoice without BT-1', () => {
    const r = validateFacturX(mutate(MINIMUM, '<ram:ID>F20260023</ram:ID>', ''));
    expect(r.valid).toBe(false);
    expect(r.fatal).toContain('BR-02');
  });

  it('refuses an invalid currency code', () => {
    const r = validateFacturX(
      mutate(MINIMUM, '<ram:InvoiceCurrencyCode>EUR<', '<ram:InvoiceCurrencyCode>EUX<'),
    );
    expect(r.valid).toBe(false);
    // The MINIMUM Schematron's own code-list assert (it has no BR-CL-04): ours by its id.
    expect(r.fatal).toEqual(['FX-SCH-A-000040']);
    const f = r.findings.find((x) => x.id === 'FX-SCH-A-000040')!;
    expect(f.path).toMatch(/InvoiceCurrencyCode$/);
    expect(f.message).toContain('EUX');
  });

  it('compares a code with the profile list as written: " EUR " is refused', () => {
    const r = validateFacturX(
      mutate(MINIMUM, '<ram:InvoiceCurrencyCode>EUR<', '<ram:InvoiceCurrencyCode> EUR <'),
    );
    expect(r.valid).toBe(false);
    expect(r.fatal).toEqual(['FX-SCH-A-000040']);
  });

  it('warns of totals that disagree, which the MINIMUM rules do not check (BR-CO-15/16)', () => {
    const r = validateFacturX(
      mutate(MINIMUM, '<ram:GrandTotalAmount>104.90<', '<ram:GrandTotalAmount>105.90<'),
    );
    expect(r.valid).toBe(true);
    expect(r.fatal).toEqual([]);
    expect(r.warning).toEqual(['BR-CO-15', 'BR-CO-16']);
    expect(r.findings.every((f) => f.flag === 'warning')).toBe(true);
    // The same totals under EN 16931 are fatal.
    expect(
      validate(mutate(MINIMUM, '<ram:GrandTotalAmount>104.90<', '<ram:GrandTotalAmount>105.90<'))
        .fatal,
    ).toContain('BR-CO-15');
  });

  it('refuses an invalid decimal in a MINIMUM total (BR-DEC-14)', () => {
    const r = validateFacturX(
      mutate(MINIMUM, '<ram:GrandTotalAmount>104.90<', '<ram:GrandTotalAmount>104.901<'),
    );
    expect(r.valid).toBe(false);
    expect(r.fatal).toContain('BR-DEC-14');
  });

  it('refuses a seller with no identifier (BR-CO-26)', () => {
    let xml = mutate(MINIMUM, '<ram:ID schemeID="0002">123456782</ram:ID>', '');
    xml = mutate(xml, '<ram:ID schemeID="VA">FR11123456782</ram:ID>', '');
    const r = validateFacturX(xml);
    expect(r.fatal).toContain('BR-CO-26');
  });

  it("takes a seller name of spaces, as the profile's BR-06 (`ram:Name!=''`) does", () => {
    // conformance:diff class (stop 24): EN 16931's CII rule normalises white space, MINIMUM's
    // wording does not, and MINIMUM is judged by its own rules alone.
    const r = validateFacturX(
      mutate(MINIMUM, '<ram:Name>LE FOURNISSEUR</ram:Name>', '<ram:Name>   </ram:Name>'),
    );
    expect(r.rules).toBe('MINIMUM');
    expect(r.fatal).not.toContain('BR-06');
    expect(
      validateFacturX(
        mutate(MINIMUM, '<ram:Name>LE FOURNISSEUR</ram:Name>', '<ram:Name></ram:Name>'),
      ).fatal,
    ).toContain('BR-06');
  });

  it('refuses white space in the delivery, whose MINIMUM type is empty (XSD-EMPTY)', () => {
    // conformance:diff class (stop 24): element-only content ignores white space, an empty
    // content type does not (cvc-complex-type.2.1).
    const r = validateFacturX(
      MINIMUM.replace(
        /<ram:ApplicableHeaderTradeDelivery\s*\/>|<ram:ApplicableHeaderTradeDelivery>\s*<\/ram:ApplicableHeaderTradeDelivery>/,
        '<ram:ApplicableHeaderTradeDelivery>  </ram:ApplicableHeaderTradeDelivery>',
      ),
    );
    expect(r.fatal).toEqual(['XSD-EMPTY']);
    expect(validateFacturX(MINIMUM).fatal).toEqual([]);
  });

  it("takes an issue date of spaces and counts decimals as the profile's BR-03 and BR-DEC words them", () => {
    // conformance:diff classes (stop 24): MINIMUM's BR-03 is `…DateTimeString[@format='102']!=''`
    // (spaces are text), EN 16931's normalises them away.
    const date = /(<udt:DateTimeString format="102">)\d{8}(<\/udt:DateTimeString>)/;
    expect(date.test(MINIMUM)).toBe(true);
    const spaces = validateFacturX(MINIMUM.replace(date, '$1   $2'));
    expect(spaces.fatal).not.toContain('BR-03');
    expect(validateFacturX(MINIMUM.replace(date, '$1$2')).fatal).toContain('BR-03');
  });

  it('refuses a missing seller name and total without VAT', () => {
    let xml = mutate(MINIMUM, '<ram:Name>LE FOURNISSEUR</ram:Name>', '');
    xml = mutate(xml, '<ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount>', '');
    const r = validateFacturX(xml);
    expect(r.fatal).toEqual(expect.arrayContaining(['BR-06', 'BR-13']));
  });

  it('refuses lines, with the EN 16931 line rules kept', () => {
    const r = validateFacturX(withLine(MINIMUM));
    expect(r.valid).toBe(false);
    expect(r.fatal).toContain('FX-PROFILE-NO-LINES');
    const f = r.findings.find((x) => x.id === 'FX-PROFILE-NO-LINES');
    expect(f?.message).toContain('MINIMUM');
    expect(f?.line).toBeGreaterThan(0);
    expect(f?.path).toContain('IncludedSupplyChainTradeLineItem');
  });

  it('refuses terms outside the profile (its schema does), naming the term', () => {
    const xml = mutate(
      MINIMUM,
      '</ram:ApplicableHeaderTradeAgreement>',
      `<ram:ContractReferencedDocument><ram:IssuerAssignedID>C1</ram:IssuerAssignedID></ram:ContractReferencedDocument></ram:ApplicableHeaderTradeAgreement>`,
    );
    const r = validateFacturX(xml, { lang: 'fr' });
    // The official verdict: the MINIMUM XML Schema has no BT-12.
    expect(r.valid).toBe(false);
    expect(r.fatal).toEqual(['XSD-UNKNOWN-ELEMENT']);
    expect(r.findings.find((x) => x.flag === 'fatal')?.path).toContain(
      'ContractReferencedDocument',
    );
    expect(r.warning).toEqual(['FX-MIN-NOT-IN-PROFILE']);
    const f = r.findings.find((x) => x.id === 'FX-MIN-NOT-IN-PROFILE');
    expect(f?.params?.term).toBe('BT-12');
    expect(f?.message).toContain('BT-12');
    expect(f?.message).toContain('référence de contrat');
    expect(f?.message).not.toContain('{');
    expect(f?.params).toMatchObject({ nameEn: 'contract reference' });
    // Under EN 16931 the same term is allowed (the invoice is refused for other reasons).
    expect(validate(xml).fatal).not.toContain('XSD-UNKNOWN-ELEMENT');
  });

  it('judges by the given profile over BT-24', () => {
    // The EN 16931 sample declared MINIMUM (e.g. by the PDF's XMP): lines are refused.
    const r = validateFacturX(sample('factur-x-en16931.xml'), { profile: 'MINIMUM' });
    expect(r.profile).toBe('MINIMUM');
    expect(r.fatal).toContain('FX-PROFILE-NO-LINES');
    // And MINIMUM judged as Factur-X EN 16931: validate()'s findings and the profile's schema.
    const e = validateFacturX(MINIMUM, { profile: 'EN 16931' });
    expect(e.rules).toBe('Factur-X EN 16931 + EN 16931');
    expect(e.fatal).toEqual(expect.arrayContaining(validate(MINIMUM).fatal));
  });

  it('validates a model (keyed-in or read) the same way', () => {
    const parsed = parseXml(MINIMUM);
    if (!parsed.ok) throw new Error('parse');
    const model = readCii(parsed.root);
    const r = validateFacturX(model);
    expect(r.profile).toBe('MINIMUM');
    expect(r.valid).toBe(true);
    model.id = undefined;
    expect(validateFacturX(model).fatal).toContain('BR-02');
  });
});

describe('validateFacturX — BASIC WL', () => {
  it('is EN 16931-invalid but valid for its own profile', () => {
    expect(validate(BASIC_WL).valid).toBe(false);
    const r = validateFacturX(BASIC_WL);
    expect(r.profile).toBe('BASIC WL');
    expect(r.rules).toBe('BASIC WL');
    expect(r.fatal).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it('refuses lines', () => {
    const r = validateFacturX(withLine(BASIC_WL), { lang: 'fr' });
    expect(r.valid).toBe(false);
    expect(r.fatal).toContain('FX-PROFILE-NO-LINES');
    expect(r.findings.find((x) => x.id === 'FX-PROFILE-NO-LINES')?.message).toContain('BASIC WL');
  });

  it('warns when the VAT breakdown bases do not add up to BT-109', () => {
    const r = validateFacturX(
      mutate(
        BASIC_WL,
        '<ram:BasisAmount>60.00</ram:BasisAmount>',
        '<ram:BasisAmount>61.00</ram:BasisAmount>',
      ),
    );
    expect(r.warning).toContain('FX-BASICWL-VAT-BASE');
    expect(r.fatal).not.toContain('FX-BASICWL-VAT-BASE');
    const f = r.findings.find((x) => x.id === 'FX-BASICWL-VAT-BASE');
    expect(f?.params).toEqual({ sum: '101.00', total: '100.00' });
  });

  it('refuses totals inconsistent with allowances and charges (BR-CO-11, BR-CO-13)', () => {
    const r = validateFacturX(
      mutate(BASIC_WL, '<ram:AllowanceTotalAmount>9.00<', '<ram:AllowanceTotalAmount>8.00<'),
    );
    expect(r.fatal).toEqual(expect.arrayContaining(['BR-CO-11', 'BR-CO-13']));
  });

  it('refuses totals that disagree: the BASIC WL rules check them (BR-CO-15, BR-CO-16)', () => {
    const r = validateFacturX(
      mutate(BASIC_WL, '<ram:GrandTotalAmount>104.90<', '<ram:GrandTotalAmount>105.90<'),
    );
    expect(r.valid).toBe(false);
    expect(r.fatal).toEqual(expect.arrayContaining(['BR-CO-15', 'BR-CO-16']));
  });

  it('refuses a missing buyer address (BR-10 applies to BASIC WL)', () => {
    const start = BASIC_WL.indexOf(
      '<ram:PostalTradeAddress>',
      BASIC_WL.indexOf('<ram:BuyerTradeParty>'),
    );
    const end =
      BASIC_WL.indexOf('</ram:PostalTradeAddress>', start) + '</ram:PostalTradeAddress>'.length;
    const r = validateFacturX(BASIC_WL.slice(0, start) + BASIC_WL.slice(end));
    expect(r.fatal).toContain('BR-10');
  });

  it('refuses a wrong VAT amount and total VAT (BR-CO-14, BR-S-09)', () => {
    const r = validateFacturX(
      mutate(BASIC_WL, '<ram:CalculatedAmount>2.70<', '<ram:CalculatedAmount>3.70<'),
    );
    expect(r.fatal).toEqual(expect.arrayContaining(['BR-CO-14', 'BR-S-09']));
  });

  it('warns of an allowance in a category with no breakdown', () => {
    const r = validateFacturX(
      mutate(
        BASIC_WL,
        '<ram:SpecifiedTradePaymentTerms>',
        `<ram:SpecifiedTradeAllowanceCharge>
          <ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator>
          <ram:ActualAmount>0.00</ram:ActualAmount>
          <ram:Reason>REMISE</ram:Reason>
          <ram:CategoryTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>5.50</ram:RateApplicablePercent></ram:CategoryTradeTax>
        </ram:SpecifiedTradeAllowanceCharge>
        <ram:SpecifiedTradePaymentTerms>`,
      ),
    );
    expect(r.warning).toContain('FX-BASICWL-VAT-CATEGORY');
    const f = r.findings.find((x) => x.id === 'FX-BASICWL-VAT-CATEGORY');
    expect(f?.params?.category).toBe('S');
    expect(f?.message).toContain('5.50');
  });

  it('warns of two breakdowns of a single-rate category', () => {
    const r = validateFacturX(
      mutate(
        BASIC_WL,
        '<ram:CategoryCode>K</ram:CategoryCode>  <!-- BT-118',
        '<ram:CategoryCode>E</ram:CategoryCode>  <!-- BT-118',
      ),
    );
    expect(r.warning).toContain('FX-BASICWL-VAT-SINGLE');
    // A charge in K now has no K breakdown.
    expect(r.warning).toContain('FX-BASICWL-VAT-CATEGORY');
  });

  it("refuses a credit transfer with no payee account, in the profile's BR-CO-27 wording", () => {
    // conformance:diff class (stop 24): the profile's BR-CO-27 judges every payment means of
    // type 30 or 58; a payee account dropped from one is refused in its own wording.
    const account =
      /<ram:PayeePartyCreditorFinancialAccount>[\s\S]*?<\/ram:PayeePartyCreditorFinancialAccount>/;
    expect(account.test(BASIC_WL)).toBe(true);
    const r = validateFacturX(BASIC_WL.replace(account, ''));
    expect(r.rules).toBe('BASIC WL');
    expect(r.fatal).toContain('BR-CO-27');
    const f = r.findings.find((x) => x.id === 'BR-CO-27')!;
    expect(f.path).toMatch(/SpecifiedTradeSettlementPaymentMeans/);
    expect(validateFacturX(BASIC_WL).fatal).not.toContain('BR-CO-27');
  });

  it("adds up allowances and charges as the profile's BR-CO-11/12 word them", () => {
    // conformance:diff classes (stop 24, profile-totals.ts). A duplicated amount counts twice
    // in the profile's sum() (the schema refuses it too); the model holds one.
    const five = '<ram:ActualAmount>5.00</ram:ActualAmount>';
    const doubled = validateFacturX(mutate(BASIC_WL, five, five + five));
    expect(doubled.fatal).toContain('BR-CO-11');
    expect(doubled.findings.find((f) => f.id === 'BR-CO-11')!.message).toMatch(
      /expected 14\b.*found 9\.00/,
    );
    // An indicator " true" with a space is not the string 'true': that charge leaves the
    // profile's sum (EN 16931's true() would still take it).
    const spaced = validateFacturX(
      BASIC_WL.replace(
        '<udt:Indicator>true</udt:Indicator>',
        '<udt:Indicator>\ttrue</udt:Indicator>',
      ),
    );
    expect(spaced.fatal).toContain('BR-CO-12');
    expect(validateFacturX(BASIC_WL).fatal).toEqual([]);
    // sum() casts to xs:double: '1E3' is 1000 there (the allowances then add up to 1004).
    const exponent = validateFacturX(
      mutate(BASIC_WL, five, '<ram:ActualAmount>1E3</ram:ActualAmount>'),
    );
    expect(exponent.findings.find((f) => f.id === 'BR-CO-11')?.message).toMatch(/expected 1004\b/);
  });

  it("checks each breakdown's tax as the profile's BR-CO-17 words it", () => {
    // conformance:diff class (stop 24): the profile's BR-CO-17 takes a rate that rounds to 0
    // as "no tax" whatever the category, so a category M breakdown at 0 % with 2.20 of tax
    // fails it; the profile's rules judge BASIC WL alone.
    const open = BASIC_WL.indexOf('<ram:ApplicableTradeTax>');
    const close = BASIC_WL.indexOf('</ram:ApplicableTradeTax>', open);
    const first = BASIC_WL.slice(open, close)
      .replace(/<ram:CategoryCode>S</, '<ram:CategoryCode>M<')
      .replace(/<ram:RateApplicablePercent>20.00</, '<ram:RateApplicablePercent>0<');
    expect(first).toMatch(
      /CalculatedAmount>2\.20<[\s\S]*CategoryCode>M<[\s\S]*RateApplicablePercent>0</,
    );
    const xml = BASIC_WL.slice(0, open) + first + BASIC_WL.slice(close);
    const r = validateFacturX(xml);
    expect(r.fatal).toContain('BR-CO-17');
    expect(r.findings.find((f) => f.id === 'BR-CO-17')!.message).toMatch(/found 2\.2/);
  });

  it('normalises space as XPath does: a no-break space after VAT makes another tax type', () => {
    // conformance:diff seed 28, Factur-X case 13546: TypeCode "VAT\u00a0". normalize-space()
    // strips XML white space only (String.trim() strips U+00A0 too): the profile's BR-CO-17
    // then sees no VAT rate, so a breakdown with tax (2.70) fails it.
    const c = makeFacturXCase(28, 13546);
    expect(c.profile).toBe('BASIC WL');
    expect(c.xml).toContain('<ram:TypeCode>VAT\u00a0</ram:TypeCode>');
    expect(validateFacturX(c.xml).fatal).toContain('BR-CO-17');
    const plain = c.xml.replace(
      '<ram:TypeCode>VAT\u00a0</ram:TypeCode>',
      '<ram:TypeCode>VAT </ram:TypeCode>',
    );
    expect(validateFacturX(plain).fatal).not.toContain('BR-CO-17');
  });

  it("orders the billing period as the profile's BR-29 does (strings, format 102 only)", () => {
    // conformance:diff class (stop 24): a start date whose DateTimeString is in another
    // namespace is not `udt:DateTimeString[@format = '102']`; the comparison with nothing is
    // false while the StartDateTime is there, so the profile's BR-29 fails.
    const start = '<udt:DateTimeString format="102">20260101</udt:DateTimeString>';
    const moved = validateFacturX(
      mutate(BASIC_WL, start, '<qdt:DateTimeString format="102">20260101</qdt:DateTimeString>'),
    );
    expect(moved.fatal).toContain('BR-29');
    const reversed = validateFacturX(
      mutate(BASIC_WL, start, '<udt:DateTimeString format="102">20270101</udt:DateTimeString>'),
    );
    expect(reversed.fatal).toContain('BR-29');
  });

  it('refuses a missing BT-106 (BR-12 applies: BASIC WL carries it)', () => {
    const r = validateFacturX(
      mutate(BASIC_WL, '<ram:LineTotalAmount>95.00</ram:LineTotalAmount>', ''),
    );
    expect(r.fatal).toContain('BR-12');
  });
});

describe('validateFacturX — EN 16931 level profiles', () => {
  for (const [file, profile, rules] of [
    ['factur-x-basic.xml', 'BASIC', 'BASIC + EN 16931'],
    ['factur-x-extended.xml', 'EXTENDED', 'EXTENDED'],
  ] as const) {
    it(`${file} is judged by its profile (${rules}) and valid`, () => {
      const r = validateFacturX(sample(file));
      expect(r.profile).toBe(profile);
      expect(r.rules).toBe(rules);
      expect(r.valid).toBe(true);
      expect(r.fatal).toEqual([]);
    });
  }

  // The bare EN 16931 id declares EN 16931, not Factur-X; UBL is never Factur-X.
  for (const [file, profile] of [
    ['factur-x-en16931.xml', 'EN 16931'],
    ['ubl-21-extended-ctc-fr.xml', 'EXTENDED-CTC-FR'],
    ['ubl-21-en16931.xml', 'EN 16931'],
  ] as const) {
    it(`${file} is exactly validate()`, () => {
      const xml = sample(file);
      const v = validate(xml);
      const r = validateFacturX(xml);
      const { profile: p, rules, ...rest } = r;
      expect(p).toBe(profile);
      expect(rules).toBe('EN 16931');
      expect(rest).toEqual(v);
    });
  }

  it("finds a line's children as BR-FXEXT-06 does: a line with no LineID parents the top-level lines", () => {
    // conformance:diff class (stop 24): with its AssociatedDocumentLineDocument dropped, line 1
    // has LineID '' and every other line has ParentLineID '': equal once normalised, so the
    // official expression takes them for its children, and line 1 needs a sub-type.
    const ext = sample('factur-x-extended.xml');
    const open = ext.indexOf('<ram:AssociatedDocumentLineDocument>');
    const close = ext.indexOf('</ram:AssociatedDocumentLineDocument>', open);
    const dropped =
      ext.slice(0, open) + ext.slice(close + '</ram:AssociatedDocumentLineDocument>'.length);
    expect(validateFacturX(ext).fatal).not.toContain('BR-FXEXT-06');
    expect(validateFacturX(dropped).fatal).toContain('BR-FXEXT-06');
  });

  it('finds the breakdowns of the -08 and -01 rules anywhere, as their `//` contexts do', () => {
    // conformance:diff seed 28, Factur-X cases 29 and 1674: rsm:SupplyChainTradeTransaction moved
    // to another namespace. The official contexts `//ram:ApplicableHeaderTradeSettlement/
    // ram:ApplicableTradeTax[…]` still find the breakdown, whose sums (absolute paths through
    // rsm:SupplyChainTradeTransaction) are then empty: -08b fires; -01 counts the breakdown.
    for (const [n, category] of [
      [29, 'G'],
      [1674, 'O'],
    ] as const) {
      const c = makeFacturXCase(28, n);
      expect(c.profile).toBe('EXTENDED');
      expect(c.xml).toContain('<udt:SupplyChainTradeTransaction>');
      const r = validateFacturX(c.xml);
      expect(r.fatal).toContain(`BR-FXEXT-${category}-08b`);
      expect(r.fatal).not.toContain(`BR-FXEXT-${category}-01`);
    }
  });

  it('an EXTENDED invoice is not refused by the EN 16931 rules its profile relaxes', () => {
    // A group line over line 1: EN 16931 sums it again (BR-CO-10), EXTENDED does not.
    const group = `<ram:IncludedSupplyChainTradeLineItem><ram:AssociatedDocumentLineDocument><ram:LineID>G1</ram:LineID><ram:LineStatusReasonCode>GROUP</ram:LineStatusReasonCode></ram:AssociatedDocumentLineDocument><ram:SpecifiedTradeProduct><ram:Name>Lot</ram:Name></ram:SpecifiedTradeProduct><ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>0</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement><ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery><ram:SpecifiedLineTradeSettlement><ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20.00</ram:RateApplicablePercent></ram:ApplicableTradeTax><ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>60.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement></ram:IncludedSupplyChainTradeLineItem>`;
    const ext = sample('factur-x-extended.xml');
    const first = ext.indexOf('<ram:IncludedSupplyChainTradeLineItem>');
    let xml = ext.slice(0, first) + group + ext.slice(first);
    xml = mutate(
      xml,
      '<ram:LineID>1</ram:LineID>  <!-- BT-126',
      '<ram:LineID>1</ram:LineID><ram:ParentLineID>G1</ram:ParentLineID><ram:LineStatusReasonCode>DETAIL</ram:LineStatusReasonCode>  <!-- BT-126',
    );
    expect(validate(xml).fatal).toContain('BR-CO-10');
    const r = validateFacturX(xml);
    expect(r.valid).toBe(true);
    expect(r.warning).toContain('BR-CO-10'); // kept as a warning: the profile relaxes it
    // A wrong group subtotal is the profile's own refusal.
    const wrong = validateFacturX(
      mutate(
        xml,
        '<ram:LineTotalAmount>60.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement></ram:IncludedSupplyChainTradeLineItem><ram:IncludedSupplyChainTradeLineItem>',
        '<ram:LineTotalAmount>61.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement></ram:IncludedSupplyChainTradeLineItem><ram:IncludedSupplyChainTradeLineItem>',
      ),
      { lang: 'fr' },
    );
    expect(wrong.fatal).toEqual(['BR-FXEXT-08']);
    expect(wrong.findings.find((f) => f.id === 'BR-FXEXT-08')?.message).toContain('regroupement');
  });

  it('an unreadable input is reported as validate() does', () => {
    const r = validateFacturX('<not xml');
    expect(r.valid).toBeNull();
    expect(r.profile).toBeNull();
    expect(r.error).toBeDefined();
  });
});

describe('the profile rules flagged warning never refuse', () => {
  it('an EXTENDED invoice breaking only a -08rev variant is valid, with the warning', () => {
    // A generated EXTENDED invoice (conformance:diff seed 1, Factur-X case 84): its G
    // breakdown adds up per rate (-08ini holds) but not per exemption reason too (-08rev).
    // The official EXTENDED Schematron flags -08ini and -08rev as warnings: valid there.
    const c = makeFacturXCase(1, 84);
    expect(c.profile).toBe('EXTENDED');
    const r = validateFacturX(c.xml);
    expect(r.rules).toBe('EXTENDED');
    expect(r.warning).toContain('BR-FXEXT-G-08rev');
    expect(r.fatal).toEqual([]);
    expect(r.valid).toBe(true);
  });
});

describe('profile messages', () => {
  it('has French and English for every profile rule, naming its terms', () => {
    for (const [id, m] of Object.entries(PROFILE_MESSAGES)) {
      expect(m.fr.length, id).toBeGreaterThan(40);
      expect(m.en.length, id).toBeGreaterThan(40);
      // Only the rule on empty elements concerns no term in particular.
      if (id !== 'PEPPOL-EN16931-R008') expect(m.terms.length, id).toBeGreaterThan(0);
      expect(profileRuleMessage(id)).toBe(m);
    }
    expect(profileRuleMessage('BR-01')).toBeUndefined();
  });
});
