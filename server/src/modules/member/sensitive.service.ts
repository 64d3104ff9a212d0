import { type Database, type Executor, inTransaction } from '../../db/database';
import { type Ctx, requirePermission } from '../../shared/context';
import { FieldCipher, FieldCryptoError } from '../../shared/crypto';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { type ConsentRow, type ConsentTextRow, type SensitiveRow, consentRepo, sensitiveRepo } from './consent.repo';
import type { ConsentDto, SensitiveUpdate } from './consent.schemas';
import { familyRepo } from './family.repo';
import { MemberErrors, invalidFields } from './member.errors';
import type { MemberKit } from './member.kit';
import { isValidCnResidentId } from './member.rules';

type Health = { conditions: string | null; injuries: string | null; restrictions: string | null; notes: string | null };

/** Associated data binding a ciphertext to its tenant, column and member. */
export function sensitiveAad(tenantId: string, column: 'id_number' | 'health', memberId: string): string {
  return `${tenantId}:member_sensitive.${column}:${memberId}`;
}

const DEFAULT_TEXTS: { kind: 'sensitive' | 'child'; body: string }[] = [
  {
    kind: 'sensitive',
    body:
      '本人同意本店为提供课程/训练服务及保障运动安全之目的,收集和使用本人的健康信息(身体状况、伤病、运动禁忌)及身份证件号码。' +
      '上述信息属于敏感个人信息,将加密保存,仅限经授权的人员查看,每次查看均有记录。本人可随时撤回同意,撤回后相关信息将被删除。',
  },
  {
    kind: 'child',
    body:
      '本人作为儿童的父母或其他监护人,同意本店为提供课程与看护服务之目的,处理该儿童(不满十四周岁)的个人信息,' +
      '包括姓名、出生日期、过敏与特殊需要、就读学校/班级及接送人信息。本人可随时撤回同意。',
  },
];

/**
 * Sensitive personal data (PIPL art. 28–31): health data and ID numbers, encrypted at rest and
 * shown only with member.sensitive.read — every view leaves an audit entry (never the values);
 * writing them needs the member's separate consent on file. Consent texts are versioned.
 */
export function createSensitiveService(kit: MemberKit) {
  const { database, clock, audit, timeline } = kit;
  const db = database.db;

  function presentConsent(r: ConsentRow, texts: Map<string, ConsentTextRow>): ConsentDto {
    return {
      id: r.id,
      kind: r.kind,
      dependentId: r.dependent_id,
      textId: r.text_id,
      textVersion: texts.get(r.text_id)?.version ?? '',
      grantedByName: r.granted_by_name,
      grantedByRelation: r.granted_by_relation,
      channel: r.channel,
      grantedAt: r.granted_at,
      recordedBy: r.recorded_by,
      withdrawnAt: r.withdrawn_at,
    };
  }

  const presentText = (t: ConsentTextRow) => ({ id: t.id, kind: t.kind, version: t.version, body: t.body, createdAt: t.created_at });

  async function textsMap(x: Executor, tenantId: string) {
    return new Map((await consentRepo.texts(x, tenantId)).map((t) => [t.id, t]));
  }

  function decrypt(ct: string, aad: string): string {
    try {
      return kit.cipher().decrypt(ct, aad);
    } catch (err) {
      if (err instanceof FieldCryptoError) throw MemberErrors.FIELD_DECRYPT_FAILED({ cause: err });
      throw err;
    }
  }

  return {
    /** Consent texts; a tenant starts with one default version of each kind. */
    async listTexts(ctx: Ctx) {
      requirePermission(ctx, 'member.read');
      if (!(await consentRepo.hasTexts(db, ctx.tenantId))) {
        await inTransaction(database, async (trx) => {
          if (await consentRepo.hasTexts(trx, ctx.tenantId)) return;
          for (const t of DEFAULT_TEXTS) {
            const id = newId(ID_PREFIXES.consentText);
            await consentRepo.insertText(trx, { tenant_id: ctx.tenantId, id, kind: t.kind, version: 'default-1', body: t.body, created_at: clock.iso() });
            await audit.record(trx, ctx, { action: 'member.consentText.create', entityType: 'consentText', entityId: id, after: { kind: t.kind, version: 'default-1' } });
          }
        });
      }
      return (await consentRepo.texts(db, ctx.tenantId)).map(presentText);
    },

    async createText(ctx: Ctx, input: { kind: 'sensitive' | 'child'; version: string; body: string }) {
      requirePermission(ctx, 'crm.settings');
      return inTransaction(database, async (trx) => {
        const id = newId(ID_PREFIXES.consentText);
        try {
          await consentRepo.insertText(trx, { tenant_id: ctx.tenantId, id, kind: input.kind, version: input.version, body: input.body, created_at: clock.iso() });
        } catch (err) {
          if (database.dialect.isUniqueViolation(err)) throw MemberErrors.CONSENT_TEXT_VERSION_TAKEN({ params: { version: input.version } });
          throw err;
        }
        const dto = presentText((await consentRepo.textById(trx, ctx.tenantId, id))!);
        await audit.record(trx, ctx, { action: 'member.consentText.create', entityType: 'consentText', entityId: id, after: { kind: dto.kind, version: dto.version } });
        return dto;
      });
    },

    async listConsents(ctx: Ctx, memberId: string): Promise<ConsentDto[]> {
      requirePermission(ctx, 'member.read');
      await kit.requireMember(db, ctx, memberId);
      const texts = await textsMap(db, ctx.tenantId);
      return (await consentRepo.ofMember(db, ctx.tenantId, memberId)).map((r) => presentConsent(r, texts));
    },

    async grant(
      ctx: Ctx,
      memberId: string,
      input: { kind: 'sensitive' | 'child'; textId: string; dependentId?: string; grantedByName?: string; grantedByRelation?: string | null; channel: 'desk' | 'paper' | 'portal' },
    ): Promise<ConsentDto> {
      requirePermission(ctx, 'member.write');
      return inTransaction(database, async (trx) => {
        const m = await kit.requireMember(trx, ctx, memberId, { lock: true, live: true });
        const text = await consentRepo.textById(trx, ctx.tenantId, input.textId);
        if (!text) throw MemberErrors.CONSENT_TEXT_NOT_FOUND({ details: { textId: input.textId } });
        if (text.kind !== input.kind) throw MemberErrors.CONSENT_TEXT_KIND_MISMATCH({ details: { expected: input.kind, got: text.kind } });
        if (input.kind === 'child') {
          if (!input.dependentId) throw invalidFields(ctx.locale, [{ path: 'dependentId', code: 'custom_field_required' }]);
          const links = await familyRepo.guardianshipsOfDependents(trx, ctx.tenantId, [input.dependentId]);
          if (!links.some((l) => l.member_id === memberId)) throw MemberErrors.GUARDIAN_NOT_FOUND();
        }
        const id = newId(ID_PREFIXES.consent);
        await consentRepo.insert(trx, {
          tenant_id: ctx.tenantId,
          id,
          member_id: memberId,
          dependent_id: input.kind === 'child' ? input.dependentId! : null,
          kind: input.kind,
          text_id: text.id,
          granted_by_name: input.grantedByName ?? m.name,
          granted_by_relation: input.grantedByRelation ?? null,
          channel: input.channel,
          granted_at: clock.iso(),
          recorded_by: ctx.actor.id,
          withdrawn_at: null,
          withdrawn_by: null,
        });
        const dto = presentConsent((await consentRepo.byId(trx, ctx.tenantId, id))!, new Map([[text.id, text]]));
        await timeline.append(trx, ctx, { memberId, kind: 'consent.granted', refType: 'consent', refId: id, summary: { kind: input.kind, version: text.version } });
        await audit.record(trx, ctx, { action: 'member.consent.grant', entityType: 'member', entityId: memberId, after: dto });
        return dto;
      });
    },

    /** Withdrawing the sensitive-data consent also deletes the sensitive data (no more processing). */
    async withdraw(ctx: Ctx, memberId: string, consentId: string): Promise<ConsentDto> {
      requirePermission(ctx, 'member.write');
      return inTransaction(database, async (trx) => {
        await kit.requireMember(trx, ctx, memberId, { lock: true });
        const c = await consentRepo.byId(trx, ctx.tenantId, consentId);
        if (!c || c.member_id !== memberId) throw MemberErrors.CONSENT_NOT_FOUND();
        if (c.withdrawn_at) throw MemberErrors.CONSENT_ALREADY_WITHDRAWN();
        const now = clock.iso();
        await consentRepo.withdraw(trx, ctx.tenantId, consentId, now, ctx.actor.id);
        let deleted = false;
        if (c.kind === 'sensitive') {
          await sensitiveRepo.delete(trx, ctx.tenantId, memberId);
          deleted = true;
        }
        const dto = presentConsent((await consentRepo.byId(trx, ctx.tenantId, consentId))!, await textsMap(trx, ctx.tenantId));
        await timeline.append(trx, ctx, { memberId, kind: 'consent.withdrawn', refType: 'consent', refId: consentId, summary: { kind: c.kind, sensitiveDataDeleted: deleted } });
        await audit.record(trx, ctx, { action: 'member.consent.withdraw', entityType: 'member', entityId: memberId, after: { consentId, kind: c.kind, sensitiveDataDeleted: deleted } });
        return dto;
      });
    },

    /** Decrypt and show; the view itself is audited (who looked, when — never what they saw). */
    async read(ctx: Ctx, memberId: string) {
      requirePermission(ctx, 'member.sensitive.read');
      return inTransaction(database, async (trx) => {
        await kit.requireMember(trx, ctx, memberId);
        const row = await sensitiveRepo.get(trx, ctx.tenantId, memberId);
        await audit.record(trx, ctx, { action: 'member.sensitive.view', entityType: 'member', entityId: memberId, after: { fields: row ? ['idNumber', 'health'].filter((f) => (f === 'idNumber' ? row.id_number_enc : row.health_enc)) : [] } });
        if (!row) return { idType: null, idNumber: null, health: null, updatedAt: null };
        return {
          idType: row.id_type as never,
          idNumber: row.id_number_enc ? decrypt(row.id_number_enc, sensitiveAad(ctx.tenantId, 'id_number', memberId)) : null,
          health: row.health_enc ? (JSON.parse(decrypt(row.health_enc, sensitiveAad(ctx.tenantId, 'health', memberId))) as Health) : null,
          updatedAt: row.updated_at,
        };
      });
    },

    async write(ctx: Ctx, memberId: string, input: SensitiveUpdate): Promise<{ hasIdNumber: boolean; hasHealth: boolean; updatedAt: string }> {
      requirePermission(ctx, 'member.sensitive.write');
      const idNumber = input.idNumber?.toUpperCase();
      if (idNumber && (input.idType ?? 'cn_resident') === 'cn_resident' && !isValidCnResidentId(idNumber)) {
        throw invalidFields(ctx.locale, [{ path: 'idNumber', code: 'id_number_invalid' }]);
      }
      return inTransaction(database, async (trx) => {
        await kit.requireMember(trx, ctx, memberId, { lock: true, live: true });
        if (!(await consentRepo.active(trx, ctx.tenantId, memberId, 'sensitive'))) throw MemberErrors.SENSITIVE_CONSENT_REQUIRED();
        const before = await sensitiveRepo.get(trx, ctx.tenantId, memberId);
        const cipher = kit.cipher();
        const now = clock.iso();
        const health: Health | null | undefined =
          input.health === undefined
            ? undefined
            : input.health === null
              ? null
              : { conditions: input.health.conditions ?? null, injuries: input.health.injuries ?? null, restrictions: input.health.restrictions ?? null, notes: input.health.notes ?? null };
        const row: SensitiveRow = {
          tenant_id: ctx.tenantId,
          member_id: memberId,
          id_type: input.idType !== undefined ? input.idType : (before?.id_type ?? null),
          id_number_enc:
            input.idNumber === undefined ? (before?.id_number_enc ?? null) : idNumber ? cipher.encrypt(idNumber, sensitiveAad(ctx.tenantId, 'id_number', memberId)) : null,
          health_enc: health === undefined ? (before?.health_enc ?? null) : health ? cipher.encrypt(JSON.stringify(health), sensitiveAad(ctx.tenantId, 'health', memberId)) : null,
          updated_at: now,
          updated_by: ctx.actor.id,
        };
        await sensitiveRepo.put(trx, row);
        const changed = [input.idType !== undefined && 'idType', input.idNumber !== undefined && 'idNumber', input.health !== undefined && 'health'].filter(Boolean) as string[];
        await timeline.append(trx, ctx, { memberId, kind: 'member.sensitive.updated', refType: 'member', refId: memberId, summary: { fields: changed } });
        // Field names only: the audit log never holds the values.
        await audit.record(trx, ctx, { action: 'member.sensitive.update', entityType: 'member', entityId: memberId, after: { fields: changed } });
        return { hasIdNumber: !!row.id_number_enc, hasHealth: !!row.health_enc, updatedAt: now };
      });
    },
  };
}

export type SensitiveService = ReturnType<typeof createSensitiveService>;

export interface RotationReport {
  rows: number;
  values: number;
  reencrypted: number;
  alreadyCurrent: number;
  byKeyBefore: Record<string, number>;
  currentKeyId: string;
}

/**
 * Re-encrypt every encrypted value not under the cipher's current key, in one transaction:
 * either all values move to the new key or none do. The cipher must also hold the old keys.
 */
export async function rotateFieldKeys(database: Database, cipher: FieldCipher): Promise<RotationReport> {
  return inTransaction(database, async (trx) => {
    const report: RotationReport = { rows: 0, values: 0, reencrypted: 0, alreadyCurrent: 0, byKeyBefore: {}, currentKeyId: cipher.currentKeyId };
    let after: [string, string] | null = null;
    for (;;) {
      const rows = await sensitiveRepo.page(trx, after, 500);
      if (!rows.length) break;
      for (const r of rows) {
        report.rows++;
        const next = { id_number_enc: r.id_number_enc, health_enc: r.health_enc };
        for (const col of ['id_number', 'health'] as const) {
          const key = col === 'id_number' ? 'id_number_enc' : 'health_enc';
          const ct = r[key];
          if (!ct) continue;
          report.values++;
          const kid = FieldCipher.keyIdOfCiphertext(ct) ?? '?';
          report.byKeyBefore[kid] = (report.byKeyBefore[kid] ?? 0) + 1;
          const out = cipher.reencrypt(ct, sensitiveAad(r.tenant_id, col, r.member_id));
          next[key] = out.value;
          if (out.changed) report.reencrypted++;
          else report.alreadyCurrent++;
        }
        if (next.id_number_enc !== r.id_number_enc || next.health_enc !== r.health_enc) await sensitiveRepo.setCiphertexts(trx, r.tenant_id, r.member_id, next);
      }
      const last = rows[rows.length - 1];
      after = [last.tenant_id, last.member_id];
    }
    return report;
  });
}

/** How many encrypted values each key holds (for `tessera keys status`). */
export async function fieldKeyUsage(database: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let after: [string, string] | null = null;
  for (;;) {
    const rows = await sensitiveRepo.page(database.db, after, 1000);
    if (!rows.length) return out;
    for (const r of rows) {
      for (const ct of [r.id_number_enc, r.health_enc]) {
        if (!ct) continue;
        const kid = FieldCipher.keyIdOfCiphertext(ct) ?? '?';
        out[kid] = (out[kid] ?? 0) + 1;
      }
    }
    const last = rows[rows.length - 1];
    after = [last.tenant_id, last.member_id];
  }
}
