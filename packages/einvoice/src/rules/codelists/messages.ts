import type { RuleMessage } from '../types.js';

export const CODELIST_MESSAGES: Record<string, RuleMessage> = {};
