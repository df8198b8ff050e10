import type { Flag } from '../rules/types.js';

/**
 * Our own ids for the structural checks derived from the UBL 2.1 and CII D16B XML Schemas
 * (the official artefacts check these with an XSD validator, outside the Schematron). An
 * XSD-invalid file is invalid for the official verdict, so every one of them is fatal, in both
 * syntaxes. Ids are stable: tests and users may rely on them.
 */
export const SCHEMA_RULES: Record<string, Flag> = {
  /** An element the parent's content model does not declare at all. */
  'XSD-UNKNOWN-ELEMENT': 'fatal',
  /** A declared element placed before one the schema puts ahead of it. */
  'XSD-ORDER': 'fatal',
  /** An element repeated more often than its maxOccurs. */
  'XSD-TOO-MANY': 'fatal',
  /** A required element (minOccurs ≥ 1) absent from its parent. */
  'XSD-MISSING': 'fatal',
  /** Character data inside an element that may only hold other elements. */
  'XSD-TEXT': 'fatal',
  /** Any character data, white space included, inside an element whose type is empty. */
  'XSD-EMPTY': 'fatal',
  /** A child element inside an element that holds a value. */
  'XSD-VALUE-CHILD': 'fatal',
  /** A required attribute (e.g. currencyID of a UBL amount) absent. */
  'XSD-ATTRIBUTE-MISSING': 'fatal',
  /** An attribute the element's type does not declare. */
  'XSD-ATTRIBUTE-UNKNOWN': 'fatal',
  /** An attribute whose value differs from the fixed value the schema sets. */
  'XSD-ATTRIBUTE-FIXED': 'fatal',
  /** Value not an xsd:decimal (amounts, quantities, percentages, measures). */
  'XSD-DECIMAL': 'fatal',
  /** Value not an xsd:date (YYYY-MM-DD). */
  'XSD-DATE': 'fatal',
  /** Value not an xsd:time (hh:mm:ss). */
  'XSD-TIME': 'fatal',
  /** Value not an xsd:dateTime (YYYY-MM-DDThh:mm:ss). */
  'XSD-DATETIME': 'fatal',
  /** Value not an xsd:boolean (true, false, 1, 0). */
  'XSD-BOOLEAN': 'fatal',
  /** Value not valid base64 (embedded attachments). */
  'XSD-BASE64': 'fatal',
  /** Attribute value not an xsd:language code (languageID). */
  'XSD-LANGUAGE': 'fatal',
  /** Value shorter or longer than the schema allows (CII unit codes: 1 to 3 characters). */
  'XSD-LENGTH': 'fatal',
};
