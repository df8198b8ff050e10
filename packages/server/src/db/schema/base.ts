import type { Generated } from 'kysely';

export interface AppSettingTable {
  key: string;
  value: string;
  updated_at: Generated<Date>;
}

export interface BaseTables {
  app_setting: AppSettingTable;
}
