import type { RuleMessage } from '../rules/types.js';

/**
 * Messages of the structural (XML Schema) checks. They concern the file's form rather than a
 * business term, hence no terms. Placeholders are the params check.ts passes: element,
 * parent, expected, order, max, attribute, value, min.
 */
export const SCHEMA_MESSAGES: Record<string, RuleMessage> = {
  'XSD-UNKNOWN-ELEMENT': {
    terms: [],
    fr: "L'élément {element} n'est pas autorisé dans {parent} : le schéma XML ne le prévoit pas à cet endroit (vérifiez son orthographe et son préfixe d'espace de noms). À cet endroit, le schéma attend : {expected}. Supprimez ou renommez cet élément.",
    en: 'The element {element} is not allowed in {parent}: the XML schema does not provide for it there (check its spelling and its namespace prefix). At this place the schema expects: {expected}. Remove or rename this element.',
  },
  'XSD-ORDER': {
    terms: [],
    fr: "L'élément {element} n'est pas à la place imposée par le schéma XML dans {parent}. L'ordre attendu est : {order}. Déplacez-le à sa place.",
    en: 'The element {element} is not in the order the XML schema requires inside {parent}. The expected order is: {order}. Move it to its place.',
  },
  'XSD-TOO-MANY': {
    terms: [],
    fr: "L'élément {element} apparaît trop de fois dans {parent} : le schéma XML l'autorise au plus {max} fois. Supprimez les occurrences en trop.",
    en: 'The element {element} appears too many times in {parent}: the XML schema allows it at most {max} time(s). Remove the extra occurrences.',
  },
  'XSD-MISSING': {
    terms: [],
    fr: "L'élément {parent} doit contenir {element}, obligatoire selon le schéma XML, qui est absent. Ajoutez-le.",
    en: 'The element {parent} must contain {element}, which the XML schema requires and which is missing. Add it.',
  },
  'XSD-TEXT': {
    terms: [],
    fr: "L'élément {element} ne peut contenir que d'autres éléments, mais il contient du texte (« {value} »). Supprimez ce texte ou placez-le dans le bon sous-élément.",
    en: 'The element {element} may only contain other elements, but it holds text ("{value}"). Remove this text or put it in the right sub-element.',
  },
  'XSD-EMPTY': {
    terms: [],
    fr: "L'élément {element} doit rester vide selon le schéma XML, sans texte ni même espace ou retour à la ligne, mais il contient « {value} ». Écrivez-le <{element}/>.",
    en: 'The element {element} must stay empty under the XML schema, with no text, not even spaces or line breaks, but it holds "{value}". Write it as <{element}/>.',
  },
  'XSD-VALUE-CHILD': {
    terms: [],
    fr: "L'élément {parent} contient une valeur, pas d'autres éléments : {element} n'y est pas autorisé. Supprimez-le.",
    en: 'The element {parent} holds a value, not other elements: {element} is not allowed inside it. Remove it.',
  },
  'XSD-ATTRIBUTE-MISSING': {
    terms: [],
    fr: 'L\'attribut {attribute} est obligatoire sur {element} selon le schéma XML, et il est absent (pour un montant, currencyID donne sa devise, par exemple currencyID="EUR" ; pour une mesure, unitCode donne son unité). Ajoutez-le.',
    en: 'The attribute {attribute} is required on {element} by the XML schema and is missing (for an amount, currencyID gives its currency, e.g. currencyID="EUR"; for a measure, unitCode gives its unit). Add it.',
  },
  'XSD-ATTRIBUTE-UNKNOWN': {
    terms: [],
    fr: "L'attribut {attribute} n'est pas autorisé sur {element} par le schéma XML. Supprimez-le.",
    en: 'The attribute {attribute} is not allowed on {element} by the XML schema. Remove it.',
  },
  'XSD-ATTRIBUTE-FIXED': {
    terms: [],
    fr: "L'attribut {attribute} de {element} doit valoir « {expected} » s'il est présent (valeur fixée par le schéma XML), et non « {value} ». Corrigez-le ou supprimez l'attribut.",
    en: 'The attribute {attribute} of {element} must be "{expected}" when present (the XML schema fixes it), not "{value}". Correct it or remove the attribute.',
  },
  'XSD-DECIMAL': {
    terms: [],
    fr: "La valeur « {value} » de {element} n'est pas un nombre valide : écrivez des chiffres avec un point comme séparateur décimal, un signe moins éventuel, sans séparateur de milliers, ni devise, ni unité (par exemple 1234.50).",
    en: 'The value "{value}" of {element} is not a valid number: write digits with a point as decimal separator, an optional minus sign, no thousands separator, no currency and no unit (e.g. 1234.50).',
  },
  'XSD-DATE': {
    terms: [],
    fr: "La valeur « {value} » de {element} n'est pas une date valide : écrivez-la sous la forme AAAA-MM-JJ (par exemple 2024-03-31), avec un jour qui existe dans ce mois.",
    en: 'The value "{value}" of {element} is not a valid date: write it as YYYY-MM-DD (e.g. 2024-03-31), with a day that exists in that month.',
  },
  'XSD-TIME': {
    terms: [],
    fr: "La valeur « {value} » de {element} n'est pas une heure valide : écrivez-la sous la forme hh:mm:ss (par exemple 14:30:00).",
    en: 'The value "{value}" of {element} is not a valid time: write it as hh:mm:ss (e.g. 14:30:00).',
  },
  'XSD-DATETIME': {
    terms: [],
    fr: "La valeur « {value} » de {element} n'est pas une date et heure valide : écrivez-la sous la forme AAAA-MM-JJThh:mm:ss (par exemple 2024-03-31T14:30:00).",
    en: 'The value "{value}" of {element} is not a valid date and time: write it as YYYY-MM-DDThh:mm:ss (e.g. 2024-03-31T14:30:00).',
  },
  'XSD-BOOLEAN': {
    terms: [],
    fr: "La valeur « {value} » de {element} n'est pas admise : seules true ou false (ou 1 ou 0) sont possibles.",
    en: 'The value "{value}" of {element} is not allowed: only true or false (or 1 or 0) are possible.',
  },
  'XSD-BASE64': {
    terms: [],
    fr: "Le contenu de {element} n'est pas un encodage base64 valide (celui d'un fichier joint) : il contient des caractères hors de l'alphabet base64 ou a une longueur ou un remplissage incorrects. Encodez à nouveau le fichier.",
    en: 'The content of {element} is not valid base64 (the encoding of an attached file): it has characters outside the base64 alphabet or a wrong length or padding. Encode the file again.',
  },
  'XSD-LANGUAGE': {
    terms: [],
    fr: "La valeur « {value} » de {element} n'est pas un code de langue : utilisez un code comme fr, en ou fr-FR.",
    en: 'The value "{value}" of {element} is not a language code: use a code like fr, en or fr-FR.',
  },
  'XSD-LENGTH': {
    terms: [],
    fr: 'La valeur « {value} » de {element} doit compter de {min} à {max} caractères.',
    en: 'The value "{value}" of {element} must be {min} to {max} characters long.',
  },
};
