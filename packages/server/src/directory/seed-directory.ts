import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SERVICE_B,
  DEMO_SUPPLIER,
} from './demo-directory.js';
import { luhnValid } from './identifiers.js';
import type { PublicCategory } from './model.js';
import {
  upsertServices,
  upsertStructures,
  type ServiceInput,
  type StructureInput,
} from './upsert-structures.js';

/** Small deterministic PRNG (mulberry32): the same seed gives the same directory. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const starts = [
  'Beau',
  'Mont',
  'Val',
  'Roche',
  'Fontaine',
  'Ville',
  'Bois',
  'Clair',
  'Pré',
  'Châtel',
  'Saule',
  'Lande',
  'Brie',
  'Marne',
  'Orme',
];
const ends = [
  'mont',
  'val',
  'ville',
  'court',
  'fort',
  'lieu',
  'bourg',
  'champ',
  'mare',
  'pierre',
  'roche',
  'sac',
  'nay',
  'lès',
];
const rivers = [
  'Loire',
  'Seine',
  'Garonne',
  'Dordogne',
  'Vienne',
  'Marne',
  'Saône',
  'Lot',
  'Cher',
  'Indre',
  'Aisne',
  'Oise',
];
const people = [
  'Victor Hugo',
  'Marie Curie',
  'Jean Jaurès',
  'George Sand',
  'Jules Ferry',
  'Simone Veil',
  'Louis Pasteur',
  'Olympe de Gouges',
  'Albert Camus',
  'Colette',
  'Jean Moulin',
  'Lucie Aubrac',
];
const regions = [
  'Bretagne',
  'Normandie',
  'Occitanie',
  'Grand Est',
  'Hauts-de-France',
  'Bourgogne-Franche-Comté',
  'Nouvelle-Aquitaine',
  'Centre-Val de Loire',
  'Pays de la Loire',
  'Auvergne-Rhône-Alpes',
  'Corse',
  "Provence-Alpes-Côte d'Azur",
  'Île-de-France',
];
const serviceNames = [
  'Services techniques',
  'Affaires scolaires',
  'Ressources humaines',
  'Finances',
  'Urbanisme',
  'Commande publique',
  'Culture',
  'Sports',
  'Voirie',
  'Informatique',
  'Action sociale',
  'Restauration',
];

/** How many structures of each category, with a name pattern. */
const plan: {
  category: PublicCategory;
  count: number;
  name: (town: string, pick: <T>(xs: T[]) => T) => string;
  sirenPrefix: string;
}[] = [
  { category: 'COMMUNE', count: 120, name: (t) => `Mairie de ${t}`, sirenPrefix: '21' },
  { category: 'REGION', count: regions.length, name: () => '', sirenPrefix: '23' },
  { category: 'DEPARTEMENT', count: 25, name: (t) => `Département de ${t}`, sirenPrefix: '22' },
  { category: 'EPCI', count: 20, name: (t) => `Communauté de communes de ${t}`, sirenPrefix: '24' },
  {
    category: 'SYNDICAT_MIXTE',
    count: 8,
    name: (t, p) => `Syndicat mixte des eaux de la ${p(rivers)} (${t})`,
    sirenPrefix: '25',
  },
  {
    category: 'ETABLISSEMENT_PUBLIC_SANTE',
    count: 25,
    name: (t, p) => (p([0, 1, 2]) === 0 ? `CHU de ${t}` : `Centre hospitalier de ${t}`),
    sirenPrefix: '26',
  },
  {
    category: 'EPLE',
    count: 50,
    name: (t, p) => `${p(['Lycée', 'Collège', 'Lycée professionnel'])} ${p(people)} de ${t}`,
    sirenPrefix: '19',
  },
  {
    category: 'ETAT',
    count: 20,
    name: (t, p) =>
      `${p(['Préfecture', 'Direction départementale des finances publiques', 'Direction départementale des territoires', 'Rectorat'])} de ${t}`,
    sirenPrefix: '11',
  },
  {
    category: 'ETABLISSEMENT_PUBLIC_NATIONAL',
    count: 8,
    name: (t, p) =>
      `${p(['Agence nationale', 'Institut national', 'Office national'])} du patrimoine de ${t}`,
    sirenPrefix: '18',
  },
  {
    category: 'SDIS',
    count: 10,
    name: (t) => `Service départemental d'incendie et de secours de ${t}`,
    sirenPrefix: '28',
  },
  { category: 'CCAS_CIAS', count: 15, name: (t) => `CCAS de ${t}`, sirenPrefix: '26' },
  {
    category: 'CAISSE_DES_ECOLES',
    count: 8,
    name: (t) => `Caisse des écoles de ${t}`,
    sirenPrefix: '26',
  },
  {
    category: 'OFFICE_PUBLIC_HABITAT',
    count: 8,
    name: (t) => `Office public de l'habitat de ${t}`,
    sirenPrefix: '27',
  },
  {
    category: 'ETABLISSEMENT_SOCIAL_MEDICO_SOCIAL',
    count: 12,
    name: (t, p) =>
      `EHPAD ${p(['Les Tilleuls', 'Les Glycines', 'Le Clos fleuri', 'La Roseraie'])} de ${t}`,
    sirenPrefix: '26',
  },
  { category: 'REGIE', count: 5, name: (t) => `Régie des transports de ${t}`, sirenPrefix: '25' },
  {
    category: 'EPCC',
    count: 5,
    name: (t) => `Établissement public de coopération culturelle de ${t}`,
    sirenPrefix: '25',
  },
  {
    category: 'CENTRE_DE_GESTION',
    count: 5,
    name: (t) => `Centre de gestion de la fonction publique territoriale de ${t}`,
    sirenPrefix: '28',
  },
  {
    category: 'ETABLISSEMENT_PUBLIC_LOCAL',
    count: 5,
    name: (t) => `Établissement public foncier local de ${t}`,
    sirenPrefix: '25',
  },
  {
    category: 'ENTREPRISE_PUBLIQUE',
    count: 5,
    name: (t) => `Société publique locale d'aménagement de ${t}`,
    sirenPrefix: '50',
  },
];

function completeLuhn(prefix: string): string {
  for (let d = 0; d < 10; d++) if (luhnValid(prefix + d)) return prefix + d;
  throw new Error('unreachable: one digit always completes a Luhn number');
}

export interface GeneratedDirectory {
  structures: StructureInput[];
  services: ServiceInput[];
}

/** The demo directory, generated from a seed (no real body's data is used). */
export function generateDirectory(seed = 2026): GeneratedDirectory {
  const random = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const used = new Set<string>([DEMO_SUPPLIER.identifier, DEMO_PUBLIC_BODY.identifier]);
  const town = () => {
    const base = `${pick(starts)}${pick(ends)}`;
    const r = random();
    return r < 0.25 ? `Saint-${base}` : r < 0.45 ? `${base}-sur-${pick(rivers)}` : base;
  };
  const siret = (sirenPrefix: string) => {
    for (;;) {
      // Department 99 does not exist in metropolitan numbering: these can't be real bodies.
      const siren = completeLuhn(`${sirenPrefix}99${digits(8)}`.slice(0, 8));
      const s = completeLuhn(`${siren}000${digits(1)}`);
      if (!used.has(s)) {
        used.add(s);
        return s;
      }
    }
  };
  const structures: StructureInput[] = [];
  const services: ServiceInput[] = [];
  for (const entry of plan) {
    for (let i = 0; i < entry.count; i++) {
      const t = town();
      const name = entry.category === 'REGION' ? `Région ${regions[i]!}` : entry.name(t, pick);
      const identifier = siret(entry.sirenPrefix);
      const serviceRequired = random() < 0.3;
      const postalCode = `99${digits(3)}`;
      structures.push({
        identifierType: 'SIRET',
        identifier,
        name,
        isPublic: true,
        category: entry.category,
        active: random() > 0.05,
        serviceCodeRequired: serviceRequired,
        commitmentRequired: entry.category === 'ETAT' || random() < 0.15,
        serviceOrCommitmentRequired: !serviceRequired && random() < 0.1,
        isMoa: random() < 0.1,
        isMoaOnly: false,
        paymentStatusNotReported: random() < 0.2,
        ediReception: random() < 0.1,
        ediEmission: false,
        addressLine1: `${1 + Math.floor(random() * 120)} ${pick(['rue', 'avenue', 'place', 'boulevard'])} ${pick(people)}`,
        postalCode,
        town: t.toUpperCase(),
        countryCode: 'FR',
        countryName: 'France',
        email: `contact@${t
          .toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z]/g, '')}.example`,
      });
      const serviceCount = 1 + Math.floor(random() * 4);
      const names = [...serviceNames].sort(() => random() - 0.5).slice(0, serviceCount);
      names.forEach((serviceName, k) => {
        services.push({
          identifierType: 'SIRET',
          identifier,
          code: `${serviceName.slice(0, 3).toUpperCase()}-${String(k + 1).padStart(3, '0')}`,
          name: serviceName,
          active: random() > 0.05,
          validFrom: '2020-01-01',
          validTo: null,
          commitmentRequired: random() < 0.15,
        });
      });
    }
  }
  for (let i = 0; i < 30; i++) {
    const t = town();
    structures.push({
      identifierType: 'SIRET',
      identifier: siret('9'),
      name: `${pick(['Atelier', 'Entreprise', 'Bureau', 'Société'])} ${pick(['Dupont', 'Martin', 'Bernard', 'Lefèvre', 'Moreau', 'Garnier'])} ${pick(['SARL', 'SAS', 'EURL'])}`,
      isPublic: false,
      category: null,
      active: true,
      serviceCodeRequired: false,
      commitmentRequired: false,
      serviceOrCommitmentRequired: false,
      isMoa: false,
      isMoaOnly: false,
      paymentStatusNotReported: false,
      ediReception: false,
      ediEmission: random() < 0.2,
      postalCode: `99${digits(3)}`,
      town: t.toUpperCase(),
      countryCode: 'FR',
      countryName: 'France',
    });
  }
  // The demo structures the demo accounts belong to.
  const none = {
    isMoa: false,
    isMoaOnly: false,
    paymentStatusNotReported: false,
    ediReception: false,
    ediEmission: false,
  };
  structures.push({
    ...none,
    ...DEMO_SUPPLIER,
    isPublic: false,
    category: null,
    active: true,
    serviceCodeRequired: false,
    commitmentRequired: false,
    serviceOrCommitmentRequired: false,
    addressLine1: '12 rue des Artisans',
    postalCode: '99100',
    town: 'CHORALE-SUR-LOIRE',
    countryCode: 'FR',
    countryName: 'France',
    email: 'contact@atelier-demo.example',
  });
  structures.push({
    ...none,
    ...DEMO_PUBLIC_BODY,
    isPublic: true,
    category: 'COMMUNE',
    active: true,
    serviceCodeRequired: true,
    commitmentRequired: false,
    serviceOrCommitmentRequired: false,
    addressLine1: "1 place de l'Hôtel de Ville",
    postalCode: '99100',
    town: 'CHORALE-SUR-LOIRE',
    countryCode: 'FR',
    countryName: 'France',
    email: 'mairie@chorale-sur-loire.example',
  });
  for (const s of [DEMO_SERVICE_A, DEMO_SERVICE_B]) {
    services.push({
      identifierType: 'SIRET',
      identifier: DEMO_PUBLIC_BODY.identifier,
      code: s.code,
      name: s.name,
      active: true,
      validFrom: '2020-01-01',
      validTo: null,
      commitmentRequired: false,
    });
  }
  return { structures, services };
}

/** Writes the demo directory (idempotent: upserts). */
export async function seedDirectory(options: {
  db: Kysely<DB>;
}): Promise<{ structures: number; services: number }> {
  const { structures, services } = generateDirectory();
  for (let i = 0; i < structures.length; i += 500) {
    await upsertStructures({ db: options.db, rows: structures.slice(i, i + 500) });
  }
  for (let i = 0; i < services.length; i += 500) {
    await upsertServices({ db: options.db, rows: services.slice(i, i + 500) });
  }
  return { structures: structures.length, services: services.length };
}
