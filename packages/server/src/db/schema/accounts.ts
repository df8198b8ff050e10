// Tables of the accounts area (users, memberships, rights, sessions, API clients, audit log).
// Filled in by the accounts work.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AccountsTables {}
