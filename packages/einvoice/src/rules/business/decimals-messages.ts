import type { RuleMessage } from '../types.js';

export const DECIMAL_MESSAGES: Record<string, RuleMessage> = {};
