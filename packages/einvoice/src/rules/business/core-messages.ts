import type { RuleMessage } from '../types.js';

export const CORE_MESSAGES: Record<string, RuleMessage> = {};
