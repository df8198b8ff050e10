/**
 * E-mails as people read them: one content, written once, rendered as a text part and an HTML
 * part (the mailer sends both as multipart/alternative). French first, then English.
 *
 * Invariant: every value that came from a user or an invoice (names, numbers, a message quoted)
 * reaches the HTML through `esc` only; the only markup is the one written here.
 */
import { esc } from '@chorale/einvoice';
import type { SupportContact } from '../config.js';

/** A paragraph: text, or a message quoted as its author wrote it (line breaks kept). */
export type Block = string | { quote: string };

export interface MailContent {
  subject: string;
  fr: Block[];
  en: Block[];
  /** The one link the mail is about ("Voir la facture"), shown as a button in HTML. */
  action?: { url: string; fr: string; en: string };
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function composeMail(content: MailContent): RenderedMail {
  const { action } = content;
  const text = [
    ...content.fr.map(blockText),
    ...(action ? [`${action.fr} : ${action.url}`] : []),
    '—',
    ...content.en.map(blockText),
    ...(action ? [`${action.en}: ${action.url}`] : []),
  ].join('\n\n');
  const button = (label: string) =>
    action
      ? `<p style="margin:24px 0"><a href="${esc(action.url)}" style="background:#000091;color:#ffffff;padding:10px 16px;text-decoration:none;display:inline-block">${esc(label)}</a></p>`
      : '';
  const body = [
    `<div lang="fr">${content.fr.map(blockHtml).join('')}${button(action?.fr ?? '')}</div>`,
    '<hr style="border:0;border-top:1px solid #dddddd;margin:24px 0">',
    `<div lang="en">${content.en.map(blockHtml).join('')}${button(action?.en ?? '')}</div>`,
  ].join('');
  return { subject: content.subject, text, html: htmlDocument(content.subject, body) };
}

function blockText(block: Block): string {
  return typeof block === 'string'
    ? block
    : block.quote
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
}

function blockHtml(block: Block): string {
  return typeof block === 'string'
    ? `<p>${esc(block)}</p>`
    : `<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #dddddd;white-space:pre-wrap">${esc(block.quote)}</blockquote>`;
}

/** The HTML part of a mail written as plain text: paragraphs escaped, addresses made links. */
export function textToHtml(subject: string, text: string): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => `<p>${linkify(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
  return htmlDocument(subject, paragraphs);
}

/** Escapes `text` and makes its http(s) addresses links (their text escaped too). */
function linkify(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    out += esc(text.slice(last, m.index));
    out += `<a href="${esc(m[0])}">${esc(m[0])}</a>`;
    last = m.index + m[0].length;
  }
  return out + esc(text.slice(last));
}

const BODY_END = '</main>';

function htmlDocument(subject: string, body: string): string {
  return (
    '<!doctype html><html lang="fr"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width">' +
    `<title>${esc(subject)}</title></head>` +
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#161616;margin:0;padding:16px">' +
    // The subject is the page's heading: a mail client showing the HTML gets an outline.
    `<main style="max-width:640px"><h1 style="font-size:20px;line-height:1.3;margin:0 0 16px">${esc(subject)}</h1>` +
    `${body}${BODY_END}</body></html>`
  );
}

/** What every mail ends with: who to ask for help, and where to change which mails one gets. */
export interface MailFooter {
  publicUrl: string;
  support: SupportContact;
}

function footerLines(footer: MailFooter, lang: 'fr' | 'en'): { text: string; html: string }[] {
  const base = footer.publicUrl.replace(/\/$/, '');
  const { email, url, phone } = footer.support;
  const lines: { text: string; html: string }[] = [];
  const fr = lang === 'fr';
  const label = fr ? 'Support de la plateforme' : 'Platform support';
  const contact: { text: string; html: string }[] = [];
  if (email)
    contact.push({ text: email, html: `<a href="mailto:${esc(email)}">${esc(email)}</a>` });
  if (url) contact.push({ text: url, html: `<a href="${esc(url)}">${esc(url)}</a>` });
  if (phone)
    contact.push({
      text: `${fr ? 'tél.' : 'phone'} ${phone}`,
      html: `${fr ? 'tél.' : 'phone'} <a href="tel:${esc(phone.replace(/[^+0-9]/g, ''))}">${esc(phone)}</a>`,
    });
  if (contact.length > 0) {
    lines.push({
      text: `${label}${fr ? ' : ' : ': '}${contact.map((c) => c.text).join(' · ')}`,
      html: `${esc(label)}${fr ? '&nbsp;: ' : ': '}${contact.map((c) => c.html).join(' · ')}`,
    });
  }
  const help = `${base}/aide`;
  lines.push({
    text: `${fr ? 'Aide' : 'Help'}${fr ? ' : ' : ': '}${help}`,
    html: `${fr ? 'Aide&nbsp;: ' : 'Help: '}<a href="${esc(help)}">${esc(help)}</a>`,
  });
  const prefs = `${base}/compte/notifications`;
  lines.push({
    text: fr
      ? `Choisir les courriels que vous recevez : ${prefs}`
      : `Choose which e-mails you get: ${prefs}`,
    html: `${fr ? 'Choisir les courriels que vous recevez&nbsp;: ' : 'Choose which e-mails you get: '}<a href="${esc(prefs)}">${esc(prefs)}</a>`,
  });
  return lines;
}

/** `mail` with the footer added to its text part and its HTML part (made from the text if none). */
export function withFooter<M extends { subject: string; text: string; html?: string | undefined }>(
  mail: M,
  footer: MailFooter,
): M & { html: string } {
  const fr = footerLines(footer, 'fr');
  const en = footerLines(footer, 'en');
  const text = `${mail.text.replace(/\s+$/, '')}\n\n-- \n${[...fr, ...en].map((l) => l.text).join('\n')}\n`;
  const footerHtml =
    '<footer style="margin-top:32px;padding-top:16px;border-top:1px solid #dddddd;font-size:14px;color:#3a3a3a">' +
    `<p lang="fr">${fr.map((l) => l.html).join('<br>')}</p>` +
    `<p lang="en">${en.map((l) => l.html).join('<br>')}</p></footer>`;
  const page = mail.html ?? textToHtml(mail.subject, mail.text);
  const html = page.includes(BODY_END)
    ? page.replace(BODY_END, `${BODY_END}${footerHtml}`)
    : `${page}${footerHtml}`;
  return { ...mail, text, html };
}
