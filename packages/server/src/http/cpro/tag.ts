/** The OpenAPI tag of the /cpro surface, and what its operations need to be called. */
export const CPRO_TAG = 'cpro';

/** Bearer token AND the cpro-account header (a technical account of the same structure). */
export const CPRO_SECURITY = [{ bearer: [], cproAccount: [] }];

export const CPRO_TAG_DESCRIPTION = [
  'The Chorus Pro–compatible surface: the real service’s paths and wire names, so that existing clients work by changing only their base URL and credentials (help page “Moving from Chorus Pro”).',
  'Every operation is POST + JSON (but GET /cpro/transverses/v1/health-check) and every answer carries `codeRetour` (0 = success) and `libelle`.',
  'Authentication: a token from POST /api/oauth/token (client credentials, scope=openid accepted), then `Authorization: Bearer <token>` AND `cpro-account: base64(login:password)` of a technical account of the same structure.',
  'Return codes of failures: 10001 bearer token missing or unknown (401), 10002 cpro-account missing, unreadable or wrong (401), 10003 technical password expired (401), 10010 technical account of another structure (403), 10011 scope or right missing (403), 20000 request invalid, 20001 file too large (GDP_MSG_11.022), 20002 unknown object (another structure’s object gets the same answer), 20003 not allowed in the current status, 20004 refused by a business rule (the refusal code leads the label), 29000 too many requests, 99999 internal error.',
].join(' ');
