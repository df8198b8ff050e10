import { describe, expect, it } from 'vitest';
import { composeMail, withFooter } from '../../src/mails/compose.js';
import { de, money } from '../../src/mails/french.js';
import { invoiceAvailableMail, statusChangedMail } from '../../src/mails/invoice-mails.js';

describe('de(name): "de" or "d’" before a name', () => {
  it('elides before a vowel, an accented vowel, a mute h and a y before a consonant', () => {
    expect(de('Atelier Martin')).toBe('d’Atelier Martin');
    expect(de('ATELIER MARTIN')).toBe('d’ATELIER MARTIN');
    expect(de('Émeraude Conseil')).toBe('d’Émeraude Conseil');
    expect(de('Œuvres sociales')).toBe('d’Œuvres sociales');
    expect(de('Hôpital Nord')).toBe('d’Hôpital Nord');
    expect(de('Habitat 76')).toBe('d’Habitat 76');
    expect(de('Yvelines Travaux')).toBe('d’Yvelines Travaux');
    expect(de('  Isère Bâtiment')).toBe('d’Isère Bâtiment');
  });
  it('keeps "de" before a consonant, an aspirated h, a y before a vowel, a digit', () => {
    expect(de('la Commune de Lyon')).toBe('de la Commune de Lyon');
    expect(de('Boulangerie Petit')).toBe('de Boulangerie Petit');
    expect(de('Haute-Garonne Services')).toBe('de Haute-Garonne Services');
    expect(de('Hangar 12')).toBe('de Hangar 12');
    expect(de('Yaourts du Sud')).toBe('de Yaourts du Sud');
    expect(de('3M France')).toBe('de 3M France');
  });
});

describe('money: amounts from their decimal string', () => {
  const intl = (amount: string, currency: string, locale: string) =>
    new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 20,
    }).format(amount as unknown as number);

  it('writes French amounts as Intl fr-FR does (narrow no-break spaces, no-break space before €)', () => {
    for (const amount of ['1234.56', '0.1', '1000000', '-12', '999.999', '12345678.9']) {
      expect(money(amount, 'EUR', 'fr')).toBe(intl(amount, 'EUR', 'fr-FR'));
    }
    expect(money('1234.56', 'EUR', 'fr')).toBe('1\u202f234,56\u00a0€');
  });
  it('keeps every digit where a binary float would not', () => {
    // 0.1 + 0.2 and 2^53 + 1: a Number would print 0.30000000000000004 and …992.
    expect(money('0.3', 'EUR', 'fr')).toBe('0,30\u00a0€');
    expect(money('9007199254740993.01', 'EUR', 'fr')).toBe(
      '9\u202f007\u202f199\u202f254\u202f740\u202f993,01\u00a0€',
    );
  });
  it('writes English amounts and other currencies', () => {
    expect(money('1234.5', 'EUR', 'en')).toBe('€1,234.50');
    expect(money('-3', 'EUR', 'en')).toBe('-€3.00');
    expect(money('1000', 'USD', 'fr')).toBe('1\u202f000,00\u00a0USD');
    expect(money('1000', 'USD', 'en')).toBe('USD\u00a01,000.00');
  });
});

describe('composed mails', () => {
  const hostile = 'Atelier <script>alert(1)</script> & "Fils"';

  it('have a text part and an escaped HTML part with the same content and the link', () => {
    const mail = invoiceAvailableMail(
      {
        id: 'inv_1',
        number: 'F-<1>',
        supplier_name: hostile,
        amount_due: '1234.56',
        total_with_vat: '1234.56',
        currency: 'EUR',
      },
      'https://chorale.example/',
    );
    expect(mail.subject).toBe(`Nouvelle facture F-<1> d’${hostile}`);
    expect(mail.text).toContain(
      `La facture F-<1> d’${hostile}, d’un montant de 1\u202f234,56\u00a0€, est mise à votre disposition.`,
    );
    expect(mail.text).toContain('Voir la facture : https://chorale.example/factures/inv_1');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain(
      'Atelier &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Fils&quot;',
    );
    expect(mail.html).toContain('<a href="https://chorale.example/factures/inv_1"');
    expect(mail.html).toMatch(/^<!doctype html><html lang="fr">/);
  });

  it('name statuses as the portal does, never by their code', () => {
    const mail = statusChangedMail(
      { id: 'inv_2', number: 'F-2', recipient_name: 'la Commune de Lyon' },
      { from_status: 'MISE_A_DISPOSITION', to_status: 'SUSPENDUE', reason: 'Bon manquant' },
      'https://chorale.example',
    );
    expect(mail.subject).toBe('Facture F-2 : Suspendue');
    expect(mail.text).toContain('« Suspendue » (elle était « Mise à disposition »)');
    expect(mail.text).toContain('“Suspended” (it was “Made available”)');
    expect(mail.text).not.toContain('MISE_A_DISPOSITION');
    expect(mail.html).not.toContain('MISE_A_DISPOSITION');
  });

  it('quote a message with its line breaks, escaped', () => {
    const mail = composeMail({ subject: 's', fr: ['a', { quote: 'l1\n<b>l2</b>' }], en: ['b'] });
    expect(mail.text).toContain('> l1\n> <b>l2</b>');
    expect(mail.html).toContain('l1\n&lt;b&gt;l2&lt;/b&gt;</blockquote>');
  });

  it('end with the support contact and the help, in both parts; a text-only mail gets HTML', () => {
    const support = {
      email: 'aide@x.test',
      url: 'https://x.test/support?a=1&b=2',
      phone: '+33 1 23 45 67 89',
    };
    const mail = withFooter(
      { subject: 'Réinitialisation', text: 'Ouvrez https://x.test/r?t=a&u=1 <b>dans</b> l’heure.' },
      { publicUrl: 'https://x.test/', support },
    );
    expect(mail.text).toContain(
      'Support de la plateforme : aide@x.test · https://x.test/support?a=1&b=2 · tél. +33 1 23 45 67 89',
    );
    expect(mail.text).toContain('Platform support: aide@x.test');
    expect(mail.text).toContain('Aide : https://x.test/aide');
    expect(mail.html).toContain('<a href="mailto:aide@x.test">aide@x.test</a>');
    expect(mail.html).toContain('<a href="https://x.test/support?a=1&amp;b=2">');
    expect(mail.html).toContain('<a href="tel:+33123456789">');
    expect(mail.html).toContain(
      '<a href="https://x.test/r?t=a&amp;u=1">https://x.test/r?t=a&amp;u=1</a> &lt;b&gt;dans',
    );
    const none = withFooter(
      { subject: 's', text: 't' },
      {
        publicUrl: 'https://x.test',
        support: { email: undefined, url: undefined, phone: undefined },
      },
    );
    expect(none.text).not.toContain('Support de la plateforme');
    expect(none.text).toContain('Aide : https://x.test/aide');
  });
});
