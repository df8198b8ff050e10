import type { InvoiceStatus } from './model.js';

/**
 * Code of each status in the French 2026 lifecycle (AFNOR XP Z12-012 list, 200–213), or null
 * when the status is internal to the public body's processing and no code of its own exists
 * (the last code sent stays in force). See docs/lifecycle.md for the reasoning and caveats.
 */
export const lifecycleCodes: Record<InvoiceStatus, { code: number | null; label: string }> = {
  DEPOSEE: { code: 200, label: 'Déposée' },
  EN_COURS_ACHEMINEMENT: { code: 201, label: 'Émise' },
  MISE_A_DISPOSITION: { code: 203, label: 'Mise à disposition' },
  A_RECYCLER: { code: null, label: 'À recycler (erreur de routage)' },
  // Chorus Pro's REJETEE is the recipient's refusal of the invoice: AFNOR "Refusée" (210).
  // AFNOR "Rejetée" (213) is the platform's technical rejection: a refused deposit here.
  REJETEE: { code: 210, label: 'Refusée' },
  SUSPENDUE: { code: 208, label: 'Suspendue' },
  COMPLETEE: { code: 209, label: 'Complétée' },
  SERVICE_FAIT: { code: 205, label: 'Approuvée' },
  MANDATEE: { code: null, label: 'Mandatée (reste 205 Approuvée)' },
  MISE_A_DISPOSITION_COMPTABLE: { code: null, label: 'Mise à disposition comptable' },
  COMPTABILISEE: { code: null, label: 'Comptabilisée' },
  MISE_EN_PAIEMENT: { code: 211, label: 'Paiement transmis' },
};
