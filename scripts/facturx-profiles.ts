// The Factur-X 1.09 profiles' official files in ../shared (Schematron compiled to XSLT, code
// db), read by the generators of packages/einvoice/src/profiles/ (gen-facturx-rules.ts,
// gen-facturx-asserts.ts). Development time only.
import { join } from 'node:path';

export const PROFILES_DIR = join(import.meta.dirname, '../../shared/conformance/factur-x/profiles');

/** Per profile: its name as the library spells it, its Schematron and its code db. */
export const FACTURX_PROFILE_FILES = [
  ['MINIMUM', 'minimum/Factur-X_1.09_MINIMUM.xsl', 'minimum/FACTUR-X_MINIMUM_codedb.xml'],
  ['BASIC WL', 'basicwl/Factur-X_1.09_BASICWL.xsl', 'basicwl/FACTUR-X_BASIC-WL_codedb.xml'],
  ['BASIC', 'basic/Factur-X_1.09_BASIC.xsl', 'basic/FACTUR-X_BASIC_codedb.xml'],
  ['EN 16931', 'en16931/Factur-X_1.09_EN16931.xsl', 'en16931/FACTUR-X_EN16931_codedb.xml'],
  ['EXTENDED', 'extended/Factur-X_1.09_EXTENDED.xsl', 'extended/FACTUR-X_EXTENDED_codedb.xml'],
] as const;
