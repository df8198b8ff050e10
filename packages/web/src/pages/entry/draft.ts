/**
 * Drafts of the key-in form, kept in localStorage as the supplier types (per user and per
 * structure), so nothing is lost when the session expires mid-form or the tab is closed.
 * Files are not kept (they cannot be stored there); the page says so.
 */
import type { FormValues } from './form-model';

const PREFIX = 'chorale.draft.keyin';

export function draftKey(userId: string, structureId: string): string {
  return `${PREFIX}.${userId}.${structureId}`;
}

export function loadDraft(key: string): FormValues | undefined {
  try {
    const text = localStorage.getItem(key);
    if (!text) return undefined;
    const value = JSON.parse(text) as Partial<FormValues> & { savedAt?: string };
    if (!value || typeof value !== 'object' || !Array.isArray(value.lines)) return undefined;
    return value as FormValues;
  } catch {
    return undefined;
  }
}

export function saveDraft(key: string, values: FormValues): void {
  try {
    localStorage.setItem(key, JSON.stringify(values));
  } catch {
    // Storage full or disabled: the form still works, only the draft is not kept.
  }
}

export function clearDraft(key: string): void {
  localStorage.removeItem(key);
}
