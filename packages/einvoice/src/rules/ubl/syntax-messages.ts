import type { RuleMessage } from '../types.js';

export const UBL_SYNTAX_MESSAGES: Record<string, RuleMessage> = {};
