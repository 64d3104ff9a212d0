import { type Executor, inTransaction } from '../../db/database';
import { toJson } from '../../db/dialect';
import { type Ctx, hasPermission, requirePermission, requireStoreAccess } from '../../shared/context';
import { consentRepo, sensitiveRepo } from './consent.repo';
import type { FamilyService } from './family.service';
import { familyRepo } from './family.repo';
import type { MemberKit } from './member.kit';
import { ERASED_NAME } from './member.kit';
import { customRepo, membersRepo, photosRepo, tagsRepo, termsRepo } from './member.repo';
import { renderDataExportHtml } from './privacy.html';
import type { SensitiveService } from './sensitive.service';
import { timelineRepo } from './timeline.repo';

/** Another module's part of a member's personal data: erased with the member, included in exports. */
export interface MemberDataHooks {
  /** Anonymise this module's personal data of the member, inside the erasure transaction. */
  erase?: (trx: Executor, ctx: Ctx, memberId: string) => Promise<void>;
  /** This module's data of the member for the data export (already masked as the caller may see). */
  export?: (x: Executor, ctx: Ctx, memberId: string) => Promise<unknown>;
}

/**
 * PIPL rights: a member's data export (JSON and a readable page) and erasure. Erasure anonymises
 * personal data but keeps the member row (its number, financial records and audit trail stay
 * intact); the member drops out of search and releases their mobile for reuse.
 */
export function createPrivacyService(kit: MemberKit, parts: { family: FamilyService; sensitive: SensitiveService }) {
  const { database, clock, audit, timeline } = kit;
  const db = database.db;
  const hooks = new Map<string, MemberDataHooks>();

  async function collect(ctx: Ctx, memberId: string) {
    const m = await kit.requireMember(db, ctx, memberId);
    const [profile, family, consents, entries] = await Promise.all([
      kit.present(db, ctx, m),
      parts.family.family(ctx, memberId),
      parts.sensitive.listConsents(ctx, memberId),
      timelineRepo.list(db, ctx.tenantId, memberId, { limit: 10_000 }),
    ]);
    const includeSensitive = hasPermission(ctx, 'member.sensitive.read');
    const sensitive = includeSensitive ? { included: true, ...(await parts.sensitive.read(ctx, memberId)) } : { included: false };
    const sections: Record<string, unknown> = {};
    for (const [name, h] of hooks) if (h.export) sections[name] = await h.export(db, ctx, memberId);
    const tenant = await kit.tenantInfo(ctx);
    return {
      exportedAt: clock.iso(),
      business: tenant.name,
      profile,
      family,
      consents,
      sensitive,
      timeline: entries.map((e) => ({ occurredAt: e.occurred_at, kind: e.kind, summary: e.summary_json })),
      ...sections,
    };
  }

  return {
    /** Modules with personal data of members register here (services.ts wiring). */
    register(name: string, h: MemberDataHooks): void {
      hooks.set(name, h);
    },

    async dataExport(ctx: Ctx, memberId: string, format: 'json' | 'html'): Promise<{ body: string | object; contentType: string; filename: string }> {
      requirePermission(ctx, 'member.export');
      const data = await collect(ctx, memberId);
      await inTransaction(database, (trx) =>
        audit.record(trx, ctx, { action: 'member.dataExport', entityType: 'member', entityId: memberId, after: { format, includesSensitive: data.sensitive.included } }),
      );
      const base = `member-${data.profile.memberNo}`;
      if (format === 'html') return { body: renderDataExportHtml(data, ctx.locale), contentType: 'text/html; charset=utf-8', filename: `${base}.html` };
      return { body: data, contentType: 'application/json; charset=utf-8', filename: `${base}.json` };
    },

    async erase(ctx: Ctx, memberId: string, input: { reason: string }) {
      requirePermission(ctx, 'member.erase');
      return inTransaction(database, async (trx) => {
        const m = await kit.requireMember(trx, ctx, memberId, { lock: true, live: true });
        requireStoreAccess(ctx, m.home_store_id);
        const now = clock.iso();
        await membersRepo.update(trx, ctx.tenantId, memberId, {
          name: ERASED_NAME['zh-CN'],
          name_pinyin: '',
          name_initials: '',
          gender: null,
          birthday: null,
          birth_md: null,
          lunar_md: null,
          mobile: null,
          mobile_last4: null,
          email: null,
          address: null,
          card_no: null,
          referrer_name: null,
          interests_json: toJson([]),
          goals: null,
          notes: null,
          emergency_name: null,
          emergency_relation: null,
          emergency_mobile: null,
          has_photo: false,
          erased_at: now,
          updated_at: now,
        });
        await tagsRepo.replace(trx, ctx.tenantId, memberId, []);
        await termsRepo.deleteFor(trx, ctx.tenantId, memberId);
        await customRepo.deleteFor(trx, ctx.tenantId, memberId);
        await photosRepo.delete(trx, ctx.tenantId, memberId);
        await sensitiveRepo.delete(trx, ctx.tenantId, memberId);
        // Children: those with another guardian stay with them; the others are anonymised too.
        let childrenErased = 0;
        for (const link of await familyRepo.guardianshipsOfMember(trx, ctx.tenantId, memberId)) {
          const others = (await familyRepo.guardianshipsOfDependents(trx, ctx.tenantId, [link.dependent_id])).filter((l) => l.member_id !== memberId);
          if (others.length) {
            await familyRepo.deleteGuardianship(trx, ctx.tenantId, link.dependent_id, memberId);
          } else {
            await familyRepo.updateDependent(trx, ctx.tenantId, link.dependent_id, {
              name: ERASED_NAME['zh-CN'],
              gender: null,
              allergies: null,
              special_needs: null,
              school: null,
              class_name: null,
              notes: null,
              erased_at: now,
              updated_at: now,
            });
            await familyRepo.deleteContactsOf(trx, ctx.tenantId, link.dependent_id);
            childrenErased++;
          }
        }
        // Consent records stay as proof of lawful processing, without the signer's name.
        await consentRepo.anonymiseSigner(trx, ctx.tenantId, memberId, ERASED_NAME['zh-CN']);
        for (const h of hooks.values()) if (h.erase) await h.erase(trx, ctx, memberId);
        // Timeline rows stay (orders keep their amounts); CRM and profile summaries may quote people.
        await timelineRepo.clearSummaries(trx, ctx.tenantId, memberId, ['interaction.', 'lead.', 'family.', 'consent.', 'member.']);
        await timeline.append(trx, ctx, { memberId, kind: 'member.erased', refType: 'member', refId: memberId });
        await audit.record(trx, ctx, { action: 'member.erase', entityType: 'member', entityId: memberId, storeId: m.home_store_id, after: { memberNo: m.member_no, reason: input.reason, childrenErased } });
        return kit.present(trx, ctx, (await membersRepo.byId(trx, ctx.tenantId, memberId))!);
      });
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
