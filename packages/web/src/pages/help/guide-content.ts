import { STATUS_LABELS } from '@chorale/einvoice/statuses';
import { interpolate } from '../../app/messages.js';
import { MOVE_SECTIONS, moveMessages, OPERATION_MAP } from './chorus-pro.js';
import { ERROR_ORDER, ERRORS } from './errors.js';
import { ACCOUNT_GUIDE, FIRST_INVOICE, PROCESSING, type GuideStep } from './guides.js';
import { REFUSAL_ORDER, REFUSALS } from './refusals.js';
import { sollicitationHelpMessages } from './sollicitations-help.js';
import { STATUS_ORDER, STATUSES } from './statuses.js';
import { helpMessages, TOPICS, type Topic } from './topics.js';
import { USER_GUIDES, type UserGuide } from './user-guides.js';
import { SNIPPET, webhookMessages } from './webhooks.js';

/**
 * The user guides' content, taken from the help pages' own texts (French): each guide is the
 * topics its readers need, a chapter per topic, in the help's order. Plain data, read by the
 * build (build/user-guides.ts), which lays it out as a PDF with one bookmark per chapter and
 * section.
 */
export interface GuideSection {
  title: string;
  paragraphs: string[];
  /** Lines shown as code. */
  code?: string[];
}

export interface GuideChapter {
  topic: Topic;
  title: string;
  intro: string[];
  sections: GuideSection[];
}

export interface GuideContent {
  guide: UserGuide;
  title: string;
  intro: string[];
  chapters: GuideChapter[];
}

const m = helpMessages.fr;

const TOPICS_OF: Record<UserGuide['audience'], readonly Topic[]> = {
  supplier: TOPICS.filter((t) => t !== 'traiter-factures'),
  recipient: TOPICS.filter((t) => !['premiere-facture', 'codes-refus', 'chorus-pro'].includes(t)),
};

const steps = (list: GuideStep[]): GuideSection[] =>
  list.map((step, i) => ({
    title: `${interpolate(m.step, { n: i + 1 })} : ${step.title.fr}`,
    paragraphs: step.text.map((p) => p.fr),
  }));

function chapter(topic: Topic, audience: UserGuide['audience']): GuideChapter {
  const title = m[topic];
  switch (topic) {
    case 'premiere-facture':
      return { topic, title, intro: [], sections: steps(FIRST_INVOICE) };
    case 'traiter-factures':
      return { topic, title, intro: [], sections: steps(PROCESSING) };
    case 'compte':
      return { topic, title, intro: [], sections: steps(ACCOUNT_GUIDE) };
    case 'statuts':
      return {
        topic,
        title,
        intro: [m.statusIntro],
        sections: STATUS_ORDER.map((s) => {
          const h = STATUSES[s];
          const code = h.code === null ? m.noCode : interpolate(m.statusCode, { code: h.code });
          return {
            title: STATUS_LABELS.fr[s],
            paragraphs: [
              `${code}${h.final ? ` · ${m.final}` : ''} · ${s}`,
              h.meaning.fr,
              `${audience === 'supplier' ? m.forSupplier : m.forRecipient} : ${(audience === 'supplier' ? h.supplier : h.recipient).fr}`,
            ],
          };
        }),
      };
    case 'codes-refus':
      return {
        topic,
        title,
        intro: [m.refusalIntro, m.refusalFlows],
        sections: REFUSAL_ORDER.map((c) => ({
          title: `${REFUSALS[c].title.fr} (${c})`,
          paragraphs: [
            `${m.whatItMeans} : ${REFUSALS[c].meaning.fr}`,
            `${m.howToFix} : ${REFUSALS[c].fix.fr}`,
          ],
        })),
      };
    case 'erreurs':
      return {
        topic,
        title,
        intro: [m.errorIntro],
        sections: ERROR_ORDER.map((c) => ({
          title: c,
          paragraphs: [
            interpolate(m.httpStatus, { status: ERRORS[c].status }),
            ERRORS[c].meaning.fr,
            `${m.whatToDo} ${ERRORS[c].fix.fr}`,
          ],
        })),
      };
    case 'chorus-pro':
      return {
        topic,
        title,
        intro: [moveMessages.fr.intro],
        sections: [
          ...MOVE_SECTIONS.map((s) => ({
            title: s.title.fr,
            paragraphs: s.text.map((p) => p.fr),
            ...(s.code ? { code: s.code } : {}),
          })),
          {
            title: moveMessages.fr.mapTitle,
            paragraphs: [moveMessages.fr.docs],
            code: OPERATION_MAP.map((o) => `${o.operation}  →  ${o.native}`),
          },
        ],
      };
    case 'sollicitations':
      return {
        topic,
        title,
        intro: [sollicitationHelpMessages.fr.what, sollicitationHelpMessages.fr.who],
        sections: [],
      };
    case 'webhooks': {
      const w = webhookMessages.fr;
      return {
        topic,
        title,
        intro: [w.intro],
        sections: [
          { title: w.request, paragraphs: [w.requestText, w.dedup] },
          { title: w.verify, paragraphs: [w.verifyText], code: SNIPPET.split('\n') },
        ],
      };
    }
  }
}

export function guideContent(guide: UserGuide): GuideContent {
  return {
    guide,
    title: `Chorale — ${guide.title.fr}`,
    intro: [
      m.intro,
      'Ce guide reprend les pages d’aide du portail (rubrique « Aide »), qui restent la référence à jour. Le contact du support de votre plateforme figure au bas de chacune de ces pages.',
    ],
    chapters: TOPICS_OF[guide.audience].map((t) => chapter(t, guide.audience)),
  };
}

export const GUIDE_CONTENTS: readonly GuideContent[] = USER_GUIDES.map(guideContent);

/** Which topics a guide has (its chapters, hence its first-level bookmarks). */
export const guideTopics = (audience: UserGuide['audience']): readonly Topic[] =>
  TOPICS_OF[audience];
