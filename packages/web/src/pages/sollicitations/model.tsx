import { useQuery } from '@tanstack/react-query';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { api, data, type paths } from '../../api/client';
import { defineMessages, useLang, useT } from '../../app/i18n';

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type SollicitationSummary = Json<'/api/v1/sollicitations', 'get'>['items'][number];
export type SollicitationThread = Json<'/api/v1/sollicitations/{id}', 'get'>;
export type Categories = Json<'/api/v1/sollicitations/categories', 'get'>;
export type SollicitationStatus = SollicitationSummary['status'];

export const statusMessages = defineMessages({
  fr: { OUVERTE: 'Ouverte', EN_COURS: 'En cours', REPONDUE: 'Répondue', CLOSE: 'Close' },
  en: { OUVERTE: 'Open', EN_COURS: 'In progress', REPONDUE: 'Answered', CLOSE: 'Closed' },
});

const severities: Record<SollicitationStatus, 'new' | 'info' | 'success' | undefined> = {
  OUVERTE: 'new',
  EN_COURS: 'info',
  REPONDUE: 'success',
  CLOSE: undefined,
};

export function SollicitationStatusBadge({ status }: { status: SollicitationStatus }) {
  const t = useT(statusMessages);
  const severity = severities[status];
  return (
    <Badge small noIcon {...(severity ? { severity } : {})}>
      {t(status)}
    </Badge>
  );
}

/** The closed list of categories (GET /sollicitations/categories, public). */
export function useCategories() {
  return useQuery({
    queryKey: ['sollicitations', 'categories'],
    queryFn: async () => data(await api.GET('/api/v1/sollicitations/categories')),
    staleTime: Infinity,
  });
}

/** The label of a category (and sub-category) in the portal's language. */
export function useCategoryLabel(categories: Categories | undefined) {
  const { lang } = useLang();
  return (category: string, subcategory?: string) => {
    const c = categories?.categories.find((x) => x.code === category);
    if (!c) return category;
    const sub = subcategory ? c.subcategories.find((s) => s.code === subcategory) : undefined;
    return sub ? `${c.label[lang]} — ${sub.label[lang]}` : c.label[lang];
  };
}

/** A file picked in the browser, as the API takes it (base64 JSON). */
export async function toAttachment(
  file: File,
): Promise<{ filename: string; mediaType: string; contentBase64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode takes a bounded number of arguments.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return {
    filename: file.name,
    mediaType: file.type || 'application/octet-stream',
    contentBase64: btoa(binary),
  };
}
