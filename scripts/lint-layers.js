// The layers of Chorale, enforced by lint (docs/ARCHITECTURE.md, "Layers"). Each entry names the
// files of one layer and what they may not import; `npm run check` fails on a breach. A test
// (packages/server/test/code-health/layers.unit.test.ts) lints deliberate breaches to keep these rules alive.

/** Packages that are the HTTP framework: only `src/http/` (and the composition root) use them. */
const httpPackages = ['fastify', 'fastify-*', '@fastify/*'];

/** Everything of the server a use case may not reach: the HTTP layer and the command line. */
const serverOuterLayers = ['**/http/**', '**/sftp/**', '**/cli/**', '**/runtime.js'];

/**
 * Use cases and their support live in `packages/server/src/<area>/`; every folder but the
 * transports (`http/`, `sftp/`), `cli/` and the composition root `runtime.ts` is such an area.
 */
const serverInnerFiles = ['packages/server/src/**/*.ts'];
const serverOuterFiles = [
  'packages/server/src/http/**',
  'packages/server/src/sftp/**',
  'packages/server/src/cli/**',
  'packages/server/src/runtime.ts',
];

export const layerRules = [
  {
    // The EN 16931 library: no database, no HTTP, and it runs in the browser (Node built-ins
    // only in its Node-only corner, `src/node/`).
    files: ['packages/einvoice/src/**/*.ts'],
    ignores: ['packages/einvoice/src/node/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'packages/einvoice/src must run in the browser.' },
            {
              group: ['@chorale/server', '@chorale/server/*', '@chorale/web', '@chorale/web/*'],
              message: 'The EN 16931 library depends on nothing of the platform.',
            },
            {
              group: ['kysely', 'pg', '@electric-sql/*', ...httpPackages],
              message: 'The EN 16931 library has no database and no HTTP.',
            },
            {
              group: ['**/server/**', '**/web/**'],
              message: 'The EN 16931 library depends on nothing of the platform.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/einvoice/src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@chorale/server', '@chorale/server/*', '@chorale/web', '@chorale/web/*'],
              message: 'The EN 16931 library depends on nothing of the platform.',
            },
            {
              group: ['kysely', 'pg', '@electric-sql/*', ...httpPackages],
              message: 'The EN 16931 library has no database and no HTTP.',
            },
          ],
        },
      ],
    },
  },
  {
    // Use cases take an actor and plain options; they know nothing of HTTP or the command line.
    files: serverInnerFiles,
    ignores: serverOuterFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: httpPackages,
              message: 'A use case knows nothing of HTTP: parse and shape in src/http/routes/.',
            },
            {
              group: serverOuterLayers,
              message:
                'A use case may not import a transport (HTTP, SFTP), the CLI or the composition root.',
            },
          ],
        },
      ],
    },
  },
  {
    // Routes parse, call a use case, shape the answer: they never touch the database. They may
    // name the database handle's type to pass it on (type-only imports).
    files: ['packages/server/src/http/routes/**/*.ts', 'packages/server/src/http/cpro/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['kysely', 'pg', '@electric-sql/*'],
              allowTypeImports: true,
              message: 'Routes do not touch the database: call a use case.',
            },
            {
              group: ['**/db/**'],
              allowTypeImports: true,
              message: 'Routes do not touch the database: call a use case.',
            },
            {
              group: ['**/cli/**'],
              message: 'Routes do not use the command line.',
            },
          ],
        },
      ],
    },
  },
  {
    // The portal talks only to the public API (the generated client in src/api/) and uses the
    // EN 16931 library for checks in the browser: never the server's code.
    files: ['packages/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@chorale/server', '@chorale/server/*', '**/server/**'],
              message: 'The portal talks to the server only through the API client (src/api/).',
            },
            {
              group: ['@chorale/einvoice/node', 'node:*', 'kysely', 'pg', ...httpPackages],
              message: 'The portal runs in the browser and reaches data only through the API.',
            },
          ],
        },
      ],
    },
  },
];
