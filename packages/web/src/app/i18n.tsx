import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { interpolate, type Messages, type Translate } from './messages';

/**
 * Portal translations. French first, English second. Each page keeps its own messages next to
 * its code (defineMessages), so areas never edit a shared catalogue; the English table must
 * have exactly the French keys (the type says so).
 */
export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];

export { defineMessages, interpolate, type Messages, type Translate } from './messages';

interface LangState {
  lang: Lang;
  setLang(lang: Lang): void;
}

const LangContext = createContext<LangState>({ lang: 'fr', setLang: () => undefined });
const STORAGE_KEY = 'chorale.lang';

function initialLang(): Lang {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'fr' ? stored : 'fr';
}

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  return useContext(LangContext);
}

export function useT<K extends string>(messages: Messages<K>): Translate<K> {
  const { lang } = useLang();
  return useCallback(
    (key: K, vars?: Record<string, string | number | undefined>) =>
      interpolate(messages[lang][key], vars),
    [lang, messages],
  );
}

const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

export interface Formatters {
  locale: string;
  /** Amounts stay decimal strings end to end: Intl formats the string exactly, no float. */
  money(amount: string | null | undefined, currency?: string | null): string;
  number(value: string | number | null | undefined): string;
  /** ISO date (YYYY-MM-DD) or timestamp. */
  date(value: string | null | undefined): string;
  dateTime(value: string | null | undefined): string;
}

export function formattersFor(lang: Lang): Formatters {
  const locale = LOCALES[lang];
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
  return {
    locale,
    money(amount, currency) {
      if (amount === null || amount === undefined || amount === '') return '—';
      const format = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: currency || 'EUR',
        minimumFractionDigits: 2,
        maximumFractionDigits: 6,
      });
      // Intl.NumberFormat accepts decimal strings (ECMA-402 v3) and keeps every digit.
      return format.format(amount as unknown as number);
    },
    number(value) {
      if (value === null || value === undefined || value === '') return '—';
      return numberFormat.format(value as unknown as number);
    },
    date(value) {
      if (!value) return '—';
      const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
      return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
    },
    dateTime(value) {
      if (!value) return '—';
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
    },
  };
}

export function useFormat(): Formatters {
  const { lang } = useLang();
  return useMemo(() => formattersFor(lang), [lang]);
}
