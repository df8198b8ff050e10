// Tables of the directory area (structures, services, import runs). Filled in by the
// directory work.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DirectoryTables {}
