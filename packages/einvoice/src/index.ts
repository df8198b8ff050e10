/**
 * @chorale/einvoice — EN 16931 library: semantic model, UBL 2.1 and CII D16B readers and
 * writers, validation with the official rule ids. No database, no HTTP: runs in Node and in
 * the browser.
 */
export const EN16931_ARTEFACTS_RELEASE = '1.3.16';
