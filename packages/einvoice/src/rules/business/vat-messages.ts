import type { RuleMessage } from '../types.js';

export const VAT_MESSAGES: Record<string, RuleMessage> = {};
