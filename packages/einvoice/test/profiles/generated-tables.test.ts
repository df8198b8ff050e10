/**
 * The tables generated from the Factur-X profile Schematrons (scripts/gen-facturx-rules.ts,
 * scripts/gen-facturx-asserts.ts) are those the official files give today, and the runtime
 * reads every rule context they hold (an unreadable one would leave elements unjudged).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unreadableContexts } from '../../src/profiles/profile-asserts-run.js';
import { PROFILES_WITH_OWN_TOTALS } from '../../src/profiles/profile-totals.js';

const root = join(import.meta.dirname, '../../../..');
const shared = join(root, '../shared/conformance/factur-x/profiles');
const tsx = join(root, 'node_modules/.bin/tsx');

describe('tables generated from the Factur-X profile Schematrons', () => {
  it.runIf(existsSync(shared) || process.env.CI === 'true')(
    'are up to date with the official files',
    () => {
      for (const script of ['gen-facturx-rules.ts', 'gen-facturx-asserts.ts']) {
        const r = spawnSync(tsx, [join(root, 'scripts', script), '--check'], {
          encoding: 'utf8',
        });
        expect(r.status, `${script}: ${r.stderr}`).toBe(0);
      }
    },
    60_000,
  );

  it('hold no rule context the runtime cannot read', () => {
    expect(unreadableContexts()).toEqual([]);
  });

  // profile-totals.ts runs BR-CO-11/12 as these profiles word them: hold that wording (and its
  // context) to the official files, and the other profiles to having no such rule.
  it.runIf(existsSync(shared) || process.env.CI === 'true')(
    'word BR-CO-11/12 as profile-totals.ts runs them, in the profiles it names',
    () => {
      const files: Record<string, string> = {
        MINIMUM: 'minimum/Factur-X_1.09_MINIMUM.xsl',
        'BASIC WL': 'basicwl/Factur-X_1.09_BASICWL.xsl',
        BASIC: 'basic/Factur-X_1.09_BASIC.xsl',
        'EN 16931': 'en16931/Factur-X_1.09_EN16931.xsl',
        EXTENDED: 'extended/Factur-X_1.09_EXTENDED.xsl',
      };
      const S =
        '/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement';
      const AC = (b: string) =>
        `${S}/ram:SpecifiedTradeAllowanceCharge[ram:ChargeIndicator/udt:Indicator='${b}']`;
      const rate =
        ".[normalize-space(upper-case(ram:TypeCode)) = 'VAT']/xs:decimal(ram:RateApplicablePercent)";
      const expected: Record<string, string> = {
        'BR-CO-17': `(round(${rate}) = 0 and (round(xs:decimal(ram:CalculatedAmount)) = 0)) or (round(${rate}) != 0 and ((abs(xs:decimal(ram:CalculatedAmount)) - 1 <= round(abs(xs:decimal(ram:BasisAmount)) * (${rate} div 100) * 10 * 10) div 100 ) and (abs(xs:decimal(ram:CalculatedAmount)) + 1 >= round(abs(xs:decimal(ram:BasisAmount)) * (${rate} div 100) * 10 * 10) div 100 ))) or (not(exists(.[normalize-space(upper-case(ram:TypeCode))='VAT']/xs:decimal(ram:RateApplicablePercent))) and (round(xs:decimal(ram:CalculatedAmount)) = 0))`,
        'BR-CO-11': `(not(${AC('false')})and not (ram:AllowanceTotalAmount)) or ram:AllowanceTotalAmount = (round(sum(${AC('false')}/ram:ActualAmount)* 10 * 10 ) div 100)`,
        'BR-CO-12': `(not(${AC('true')})and not (ram:ChargeTotalAmount)) or (round (${S}/ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:ChargeTotalAmount * 10 * 10) div 100)= round(((round(sum(${AC('true')}/ram:ActualAmount)* 10 * 10 ) div 100) + (round(sum(${S}/ram:SpecifiedLogisticsServiceCharge/ram:AppliedAmount)* 10 * 10 ) div 100))*10*10) div 100`,
      };
      const unescape = (t: string) =>
        t
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&apos;/g, "'")
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&');
      for (const [profile, file] of Object.entries(files)) {
        const xsl = readFileSync(join(shared, file), 'utf8');
        for (const [id, wording] of Object.entries(expected)) {
          const at = xsl.indexOf(`[${id}]`);
          if (!PROFILES_WITH_OWN_TOTALS.has(profile)) {
            expect(at, `${profile} ${id}`).toBe(-1);
            continue;
          }
          const template = xsl.slice(xsl.lastIndexOf('<xsl:template match=', at), at);
          const context =
            id === 'BR-CO-17'
              ? '//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax'
              : '//ram:SpecifiedTradeSettlementHeaderMonetarySummation';
          expect(template.startsWith(`<xsl:template match="${context}"`), `${profile} ${id}`).toBe(
            true,
          );
          const test = [...template.matchAll(/test="([^"]*)"/g)].at(-1)?.[1];
          expect(unescape(test ?? '').replace(/\s+/g, ' '), `${profile} ${id}`).toBe(
            wording.replace(/\s+/g, ' '),
          );
        }
      }
    },
  );
});
