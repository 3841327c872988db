import { loadStorageConfig } from '../config/load-storage-config.js';
import { openAdminStores, type AdminStores } from '../server/open-admin-stores.js';

/** The store named in the config (`--config`, else $SWITCHYARD_CONFIG, else ./switchyard.db), for the policy and router commands. */
export function openPolicyStore(configPath: string | undefined): Promise<AdminStores> {
  return openAdminStores(loadStorageConfig(configPath ?? process.env.SWITCHYARD_CONFIG).storage);
}
