/**
 * The shape of the portal's message tables, without React: data modules (the help texts) use
 * it, so the build can read them in Node to make the user guides (build/user-guides.ts).
 */
export interface Messages<K extends string> {
  fr: Record<K, string>;
  en: Record<K, string>;
}

export function defineMessages<K extends string>(messages: Messages<K>): Messages<K> {
  return messages;
}

export type Translate<K extends string> = (
  key: K,
  vars?: Record<string, string | number | undefined>,
) => string;

/** `{name}` placeholders are replaced by vars; a missing var leaves the placeholder visible. */
export function interpolate(
  text: string,
  vars?: Record<string, string | number | undefined>,
): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}
