import type { RuleMessage } from '../types.js';

export const TOTALS_MESSAGES: Record<string, RuleMessage> = {};
