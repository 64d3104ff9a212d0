import { inTransaction } from '../../db/database';
import { toJson } from '../../db/dialect';
import { type Ctx, requirePermission } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { MemberErrors } from './member.errors';
import type { MemberKit } from './member.kit';
import { customRepo, settingsRepo } from './member.repo';
import { formatMemberNo } from './member.rules';
import type { CustomFieldDto } from './member.schemas';

type Option = { value: string; labelZh: string; labelEn: string };

/** Tenant-level member settings: member-number format and custom-field definitions. */
export function createMemberSettingsService(kit: MemberKit) {
  const { database, clock, audit } = kit;
  const db = database.db;

  function presentSettings(s: { number_prefix: string; number_width: number; next_number: number }) {
    return {
      numberPrefix: s.number_prefix,
      numberWidth: s.number_width,
      nextNumber: Number(s.next_number),
      nextMemberNo: formatMemberNo(s.number_prefix, s.number_width, Number(s.next_number)),
    };
  }

  function checkOptions(type: string, options: Option[] | undefined): Option[] {
    if (type !== 'choice') return [];
    if (!options?.length) throw MemberErrors.CUSTOM_FIELD_OPTIONS_REQUIRED();
    const values = new Set<string>();
    for (const o of options) {
      if (values.has(o.value)) throw MemberErrors.CUSTOM_FIELD_OPTIONS_REQUIRED({ details: { duplicate: o.value } });
      values.add(o.value);
    }
    return options;
  }

  return {
    async getSettings(ctx: Ctx) {
      requirePermission(ctx, 'member.read');
      const s = await settingsRepo.get(db, ctx.tenantId);
      return presentSettings(s ?? { number_prefix: 'M', number_width: 6, next_number: 1 });
    },

    async updateSettings(ctx: Ctx, patch: { numberPrefix?: string; numberWidth?: number; nextNumber?: number }) {
      requirePermission(ctx, 'crm.settings');
      return inTransaction(database, async (trx) => {
        await settingsRepo.ensure(trx, ctx.tenantId, clock.iso());
        const before = await settingsRepo.lock(trx, database.dialect, ctx.tenantId);
        const next = {
          number_prefix: patch.numberPrefix !== undefined ? patch.numberPrefix.toUpperCase() : before.number_prefix,
          number_width: patch.numberWidth ?? before.number_width,
          next_number: patch.nextNumber ?? Number(before.next_number),
          updated_at: clock.iso(),
        };
        await settingsRepo.update(trx, ctx.tenantId, next);
        const after = presentSettings(next);
        await audit.record(trx, ctx, { action: 'member.settings.update', entityType: 'memberSettings', entityId: ctx.tenantId, before: presentSettings(before), after, diff: true });
        return after;
      });
    },

    async listFields(ctx: Ctx): Promise<CustomFieldDto[]> {
      requirePermission(ctx, 'member.read');
      return (await customRepo.fields(db, ctx.tenantId)).map((r) => kit.presentField(r, ctx.locale));
    },

    async createField(
      ctx: Ctx,
      input: { key: string; labelZh: string; labelEn: string; type: 'text' | 'number' | 'date' | 'choice'; options?: Option[]; isRequired: boolean; sortOrder: number },
    ): Promise<CustomFieldDto> {
      requirePermission(ctx, 'crm.settings');
      const options = checkOptions(input.type, input.options);
      return inTransaction(database, async (trx) => {
        const now = clock.iso();
        const id = newId(ID_PREFIXES.customField);
        try {
          await customRepo.insertField(trx, {
            tenant_id: ctx.tenantId,
            id,
            field_key: input.key,
            label_zh: input.labelZh,
            label_en: input.labelEn,
            field_type: input.type,
            options_json: toJson(options),
            is_required: input.isRequired,
            is_active: true,
            sort_order: input.sortOrder,
            created_at: now,
            updated_at: now,
          });
        } catch (err) {
          if (database.dialect.isUniqueViolation(err)) throw MemberErrors.CUSTOM_FIELD_KEY_TAKEN({ params: { key: input.key } });
          throw err;
        }
        const dto = kit.presentField((await customRepo.fieldById(trx, ctx.tenantId, id))!, ctx.locale);
        await audit.record(trx, ctx, { action: 'member.customField.create', entityType: 'memberCustomField', entityId: id, after: dto });
        return dto;
      });
    },

    async updateField(
      ctx: Ctx,
      fieldId: string,
      patch: { labelZh?: string; labelEn?: string; options?: Option[]; isRequired?: boolean; isActive?: boolean; sortOrder?: number },
    ): Promise<CustomFieldDto> {
      requirePermission(ctx, 'crm.settings');
      return inTransaction(database, async (trx) => {
        const before = await customRepo.fieldById(trx, ctx.tenantId, fieldId);
        if (!before) throw MemberErrors.CUSTOM_FIELD_NOT_FOUND({ details: { fieldId } });
        const options = patch.options !== undefined ? checkOptions(before.field_type, patch.options) : undefined;
        await customRepo.updateField(trx, ctx.tenantId, fieldId, {
          label_zh: patch.labelZh,
          label_en: patch.labelEn,
          options_json: options ? toJson(options) : undefined,
          is_required: patch.isRequired,
          is_active: patch.isActive,
          sort_order: patch.sortOrder,
          updated_at: clock.iso(),
        });
        const after = kit.presentField((await customRepo.fieldById(trx, ctx.tenantId, fieldId))!, ctx.locale);
        await audit.record(trx, ctx, { action: 'member.customField.update', entityType: 'memberCustomField', entityId: fieldId, before: kit.presentField(before, ctx.locale), after, diff: true });
        return after;
      });
    },
  };
}

export type MemberSettingsService = ReturnType<typeof createMemberSettingsService>;
