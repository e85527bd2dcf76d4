import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { KeyValueStore, TenantStore } from '../../engine/store/ports.js';
import { InstallationCipher } from './installation-cipher.js';

const INSTALLATION_KEY = 'slack.installation';

/** The tenant id for a Slack workspace (or an Enterprise Grid org install). */
export function slackTenantId(
  teamId: string | undefined,
  enterpriseId?: string,
  isEnterpriseInstall?: boolean,
): string {
  if (isEnterpriseInstall && enterpriseId) return `slack:${enterpriseId}`;
  if (!teamId) throw new Error('a Slack request without a team id');
  return `slack:${teamId}`;
}

/**
 * Bolt's installation store backed by Troupe's store: each workspace's installation is kept
 * under its own tenant, so one workspace never reads another's tokens, and (given a cipher, as
 * OAuth mode requires) encrypted at rest.
 *
 * @example
 *   new App({ clientId, clientSecret, stateSecret, installationStore: new StoreInstallationStore(store) });
 */
export class StoreInstallationStore implements InstallationStore {
  constructor(
    private readonly store: KeyValueStore & TenantStore,
    private readonly cipher?: InstallationCipher,
  ) {}

  async storeInstallation<AuthVersion extends 'v1' | 'v2'>(
    installation: Installation<AuthVersion, boolean>,
  ): Promise<void> {
    const tenantId = slackTenantId(
      installation.team?.id,
      installation.enterprise?.id,
      installation.isEnterpriseInstall,
    );
    await this.store.ensureTenant({
      id: tenantId,
      platform: 'slack',
      name: installation.team?.name ?? installation.enterprise?.name,
    });
    await this.store.setValue(tenantId, INSTALLATION_KEY, this.cipher ? this.cipher.seal(installation) : installation);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const tenantId = slackTenantId(query.teamId, query.enterpriseId, query.isEnterpriseInstall);
    const stored = await this.store.getValue(tenantId, INSTALLATION_KEY);
    if (!stored) throw new Error(`no Slack installation for ${tenantId}`);
    const installation = this.cipher && InstallationCipher.isSealed(stored) ? this.cipher.open(stored) : stored;
    return installation as Installation<'v1' | 'v2', boolean>;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.store.deleteValue(
      slackTenantId(query.teamId, query.enterpriseId, query.isEnterpriseInstall),
      INSTALLATION_KEY,
    );
  }
}
