import type { PersonaSpec } from '../engine/agent/persona-spec.js';
import type { PanelRecord, PanelStore, PersonaRecord, PersonaStore } from '../engine/store/ports.js';
import { assertPersonaName } from '../engine/store/persona-names.js';
import { notFound, panelExists } from '../engine/store/store-errors.js';
import { type PrismaClient, isUniqueViolation, touchTenant } from './db.js';
import { optionalJson, toPanel, toPersona } from './rows.js';

/** Panels and their personas; every query is filtered by tenant. */
export class PanelRepository implements PanelStore, PersonaStore {
  constructor(
    private readonly db: PrismaClient,
    private readonly nextId: () => string,
  ) {}

  async createPanel(tenantId: string, panel: Omit<PanelRecord, 'id' | 'tenantId' | 'createdAt'>): Promise<PanelRecord> {
    await touchTenant(this.db, tenantId);
    try {
      const row = await this.db.panel.create({
        data: {
          id: this.nextId(),
          tenantId,
          name: panel.name,
          description: panel.description,
          weights: optionalJson(panel.weights),
          meta: optionalJson(panel.meta),
          createdAt: new Date(),
        },
      });
      return toPanel(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw panelExists(panel.name);
      throw error;
    }
  }

  async getPanel(tenantId: string, name: string): Promise<PanelRecord | undefined> {
    const row = await this.db.panel.findUnique({ where: { tenantId_name: { tenantId, name } } });
    return row ? toPanel(row) : undefined;
  }

  async getPanelById(tenantId: string, id: string): Promise<PanelRecord | undefined> {
    const row = await this.db.panel.findUnique({ where: { tenantId_id: { tenantId, id } } });
    return row ? toPanel(row) : undefined;
  }

  async listPanels(tenantId: string): Promise<PanelRecord[]> {
    const rows = await this.db.panel.findMany({ where: { tenantId }, orderBy: { name: 'asc' } });
    return rows.map(toPanel);
  }

  async updatePanel(
    tenantId: string,
    id: string,
    patch: Partial<Pick<PanelRecord, 'weights' | 'meta' | 'description'>>,
  ): Promise<void> {
    const { count } = await this.db.panel.updateMany({
      where: { tenantId, id },
      data: { description: patch.description, weights: optionalJson(patch.weights), meta: optionalJson(patch.meta) },
    });
    if (count === 0) throw notFound('panel', id);
  }

  async deletePanel(tenantId: string, name: string): Promise<boolean> {
    // Personas, worlds and events go with it through ON DELETE CASCADE.
    const { count } = await this.db.panel.deleteMany({ where: { tenantId, name } });
    return count > 0;
  }

  async addPersonas(
    tenantId: string,
    panelId: string,
    personas: Omit<PersonaRecord, 'id' | 'tenantId' | 'panelId'>[],
  ): Promise<PersonaRecord[]> {
    for (const persona of personas) assertPersonaName(persona.name);
    return this.db.$transaction(async (tx) => {
      const panel = await tx.panel.findUnique({
        where: { tenantId_id: { tenantId, id: panelId } },
        select: { id: true },
      });
      if (!panel) throw notFound('panel', panelId);
      const last = await tx.persona.aggregate({ where: { tenantId, panelId }, _max: { position: true } });
      const start = (last._max.position ?? -1) + 1;
      const data = personas.map((p, i) => ({
        id: this.nextId(),
        tenantId,
        panelId,
        position: start + i,
        name: p.name,
        avatar: p.avatar,
        spec: JSON.stringify(p.spec),
        state: optionalJson(p.state),
        profile: p.profile ?? null,
      }));
      await tx.persona.createMany({ data });
      return data.map((row) => toPersona({ ...row, avatar: row.avatar ?? null, state: row.state ?? null }));
    });
  }

  async listPersonas(tenantId: string, panelId: string): Promise<PersonaRecord[]> {
    const rows = await this.db.persona.findMany({ where: { tenantId, panelId }, orderBy: { position: 'asc' } });
    return rows.map(toPersona);
  }

  async listPersonaNames(tenantId: string): Promise<string[]> {
    const rows = await this.db.persona.findMany({
      where: { tenantId },
      distinct: ['name'],
      select: { name: true },
      orderBy: { name: 'asc' },
    });
    return rows.map((r) => r.name);
  }

  async savePersonaState(
    tenantId: string,
    personaId: string,
    state: Record<string, unknown>,
    spec?: PersonaSpec,
  ): Promise<void> {
    const data = { state: JSON.stringify(state), ...(spec ? { spec: JSON.stringify(spec), profile: null } : {}) };
    const { count } = await this.db.persona.updateMany({ where: { tenantId, id: personaId }, data });
    if (count === 0) throw notFound('persona', personaId);
  }
}
