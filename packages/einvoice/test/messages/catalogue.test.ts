import { describe, expect, it } from 'vitest';
import { ruleFlags } from '../../src/rules/catalogue.js';
import { messageFor, ruleMessage } from '../../src/messages/catalogue.js';
import { SCHEMA_RULES } from '../../src/schema/ids.js';

describe('rule messages', () => {
  const ids = [...ruleFlags().keys(), ...Object.keys(SCHEMA_RULES)];

  it('covers every official rule id and every structural id, in French and English', () => {
    const missing = ids.filter((id) => {
      const m = ruleMessage(id);
      return !m || m.fr.trim().length < 10 || m.en.trim().length < 10;
    });
    expect(missing).toEqual([]);
    console.log(`messages: ${ids.length} rule ids, each in French and English`);
  });

  it('names the business terms of every business rule', () => {
    const business = ids.filter((id) => /^BR-/.test(id));
    const without = business.filter((id) => (ruleMessage(id)?.terms.length ?? 0) === 0);
    expect(without).toEqual([]);
  });

  it('writes French and English differently (no untranslated copy)', () => {
    const same = ids.filter((id) => {
      const m = ruleMessage(id);
      return m !== undefined && m.fr === m.en;
    });
    expect(same).toEqual([]);
  });

  it('fills placeholders from the finding and leaves unknown ones visible', () => {
    const id = ids.find((i) => ruleMessage(i)?.en.includes('{'));
    if (!id) return;
    const name = /\{(\w+)\}/.exec(ruleMessage(id)!.en)![1]!;
    const text = messageFor(
      { id, flag: 'fatal', path: '/', line: 1, column: 1, params: { [name]: 'VALUE-42' } },
      'en',
    );
    expect(text).toContain('VALUE-42');
    expect(text).not.toContain(`{${name}}`);
  });

  it('gives a generic message for an unknown id rather than nothing', () => {
    expect(
      messageFor({ id: 'XX-1', flag: 'fatal', path: '/', line: 0, column: 0 }, 'fr'),
    ).toContain('XX-1');
  });
});
