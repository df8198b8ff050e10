/**
 * Answers of the /cpro surface: every body carries `codeRetour` (0 = success) and `libelle`,
 * as the real service's do. Successes keep the real service's labels (clients match on them);
 * failures carry our plain sentence (French, or English with `codeLangue: "en"` or an English
 * Accept-Language), naming the rule and the field when one decided it.
 *
 * Return codes of failures (ours, beside the one the reference documents: 20001 = file too large):
 * 10001 bearer token missing or unknown, 10002 cpro-account missing, garbled or wrong,
 * 10003 technical password expired, 10010 technical account of another structure,
 * 10011 a scope or right is missing, 20000 request invalid, 20001 file too large,
 * 20002 unknown object (or another structure's: the same answer), 20003 not allowed in this
 * status or a conflict, 20004 refused by a business rule (the refusal code leads the label),
 * 29000 too many requests, 99999 internal error.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CproAuthFailure } from '../../cpro/authenticate-cpro-call.js';
import { DepositRefusal } from '../../invoices/deposit-checks.js';
import { AppError } from '../../lib/errors.js';

export const LIBELLE_OK = {
  deposit: 'GCU_MSG_01_000',
  report: 'TRA_MSG_00.000',
  generic: 'GCU_MSG_01_000',
} as const;

export type Lang = 'fr' | 'en';

export function langOf(request: FastifyRequest): Lang {
  const body = request.body as { codeLangue?: unknown } | undefined;
  const asked = typeof body?.codeLangue === 'string' ? body.codeLangue.toLowerCase() : '';
  if (asked === 'en' || asked === 'fr') return asked;
  return /^en\b/i.test(request.headers['accept-language'] ?? '') ? 'en' : 'fr';
}

export interface CproFailure {
  status: number;
  codeRetour: number;
  libelle: string;
  /** The fields concerned, when the request was invalid. */
  listeErreurs?: { champ: string; libelleErreur: string }[];
}

const generic: Record<string, { status: number; codeRetour: number; fr: string }> = {
  BAD_REQUEST: { status: 400, codeRetour: 20000, fr: 'Requête invalide' },
  VALIDATION_FAILED: { status: 400, codeRetour: 20000, fr: 'Requête invalide' },
  UNAUTHENTICATED: { status: 401, codeRetour: 10001, fr: 'Authentification requise' },
  INVALID_CREDENTIALS: { status: 401, codeRetour: 10001, fr: 'Identifiants invalides' },
  FORBIDDEN: { status: 403, codeRetour: 10011, fr: 'Droit ou périmètre manquant' },
  NOT_FOUND: { status: 400, codeRetour: 20002, fr: 'Objet inconnu' },
  CONFLICT: { status: 400, codeRetour: 20003, fr: 'Action impossible dans l’état actuel' },
  ALREADY_EXISTS: { status: 400, codeRetour: 20003, fr: 'Déjà existant' },
  PAYLOAD_TOO_LARGE: { status: 400, codeRetour: 20001, fr: 'Fichier trop volumineux' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    codeRetour: 20000,
    fr: 'Envoyez un corps JSON (Content-Type: application/json;charset=utf-8)',
  },
  RATE_LIMITED: { status: 429, codeRetour: 29000, fr: 'Trop de requêtes, réessayez plus tard' },
  UNAVAILABLE: { status: 503, codeRetour: 99999, fr: 'Service momentanément indisponible' },
};

const authCodes: Record<string, number> = {
  BEARER_MISSING: 10001,
  BEARER_INVALID: 10001,
  ACCOUNT_MISSING: 10002,
  ACCOUNT_GARBLED: 10002,
  ACCOUNT_INVALID: 10002,
  ACCOUNT_EXPIRED: 10003,
  ACCOUNT_OTHER_STRUCTURE: 10010,
};

/** The /cpro answer of any error thrown while serving a request. */
export function failureOf(error: unknown, lang: Lang): { failure: CproFailure; internal: boolean } {
  if (error instanceof CproAuthFailure) {
    return {
      failure: {
        status: error.status,
        codeRetour: authCodes[error.cause_] ?? 10001,
        libelle: error.messages[lang],
      },
      internal: false,
    };
  }
  if (error instanceof DepositRefusal) {
    const forbidden = error.code === 'FORBIDDEN';
    return {
      failure: {
        status: forbidden ? 403 : 400,
        codeRetour: forbidden ? 10011 : 20004,
        libelle: `${error.refusal} : ${error.messages[lang]}`,
        ...fieldsOf(error),
      },
      internal: false,
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const listeErreurs = error.validation.map((v) => ({
      champ: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'corps',
      libelleErreur: v.message ?? 'valeur invalide',
    }));
    const champs = listeErreurs.map((e) => e.champ).join(', ');
    return {
      failure: {
        status: 400,
        codeRetour: 20000,
        libelle:
          lang === 'fr'
            ? `Requête invalide : champ(s) ${champs}`
            : `Invalid request: field(s) ${champs}`,
        listeErreurs,
      },
      internal: false,
    };
  }
  const fe = error as Partial<FastifyError>;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return {
      failure: {
        status: 413,
        codeRetour: 20001,
        libelle:
          lang === 'fr'
            ? 'Requête trop volumineuse : le fichier dépasse la taille acceptée (GDP_MSG_11.022).'
            : 'Request too large: the file is over the accepted size (GDP_MSG_11.022).',
      },
      internal: false,
    };
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return {
      failure: {
        status: 400,
        codeRetour: 20000,
        libelle: lang === 'fr' ? 'Le corps JSON est illisible' : 'The JSON body could not be read',
      },
      internal: false,
    };
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    error = new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send a JSON body (Content-Type: application/json;charset=utf-8)',
    );
  if (fe.statusCode === 429)
    error = new AppError('RATE_LIMITED', 'Too many requests, try again later');
  if (error instanceof AppError) {
    const g = generic[error.code] ?? { status: 500, codeRetour: 99999, fr: 'Erreur interne' };
    // Our messages are English; the French label leads with the kind of failure.
    const libelle = lang === 'fr' ? `${g.fr} : ${error.message}` : error.message;
    return {
      failure: { status: g.status, codeRetour: g.codeRetour, libelle, ...fieldsOf(error) },
      internal: g.status >= 500,
    };
  }
  return {
    failure: {
      status: 500,
      codeRetour: 99999,
      libelle:
        lang === 'fr' ? 'Erreur interne : réessayez plus tard' : 'Internal error: try again later',
    },
    internal: true,
  };
}

function fieldsOf(error: AppError): Pick<CproFailure, 'listeErreurs'> {
  const items = (error.details ?? []).filter(
    (d) => d.pointer !== 'refusal' && d.pointer !== 'cause',
  );
  if (items.length === 0) return {};
  return {
    listeErreurs: items.map((d) => ({ champ: d.pointer ?? '', libelleErreur: d.message })),
  };
}

export function sendFailure(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
): FastifyReply {
  const { failure, internal } = failureOf(error, langOf(request));
  if (internal) request.log.error({ err: error }, 'unhandled error (cpro)');
  const { status, ...body } = failure;
  return reply.status(status).header('cache-control', 'no-store').send(body);
}

/** The two members of every answer, for the OpenAPI schemas. */
export const Retour = {
  codeRetour: z.number().int().describe('0 on success'),
  libelle: z.string().describe('GCU_MSG_01_000 / TRA_MSG_00.000 on success; our message otherwise'),
};

export const FailureSchema = z
  .object({
    ...Retour,
    listeErreurs: z.array(z.object({ champ: z.string(), libelleErreur: z.string() })).optional(),
  })
  .describe('A refused /cpro call (codes in the description of the tag)');

export const failures = {
  400: FailureSchema,
  401: FailureSchema,
  403: FailureSchema,
  413: FailureSchema,
};
