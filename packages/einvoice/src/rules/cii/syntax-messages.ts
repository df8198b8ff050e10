import type { RuleMessage } from '../types.js';

export const CII_SYNTAX_MESSAGES: Record<string, RuleMessage> = {};
