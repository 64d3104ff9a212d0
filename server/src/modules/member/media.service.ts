import QRCode from 'qrcode';
import { inTransaction } from '../../db/database';
import { type Ctx, requirePermission } from '../../shared/context';
import { cardSvg, qrSvg } from './card.rules';
import { MemberErrors } from './member.errors';
import type { MemberKit } from './member.kit';
import { membersRepo, photosRepo } from './member.repo';

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

/** What an image really is, from its first bytes (never from the file name or the client's type). */
export function imageType(buf: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (buf.length > 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length > 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (buf.length > 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** Photos, the member QR code and the printable membership card. */
export function createMediaService(kit: MemberKit) {
  const { database, clock, audit, timeline } = kit;
  const db = database.db;

  return {
    async putPhoto(ctx: Ctx, memberId: string, content: Buffer): Promise<{ hasPhoto: true; contentType: string; size: number }> {
      requirePermission(ctx, 'member.write');
      const contentType = imageType(content);
      if (!contentType) throw MemberErrors.PHOTO_INVALID();
      return inTransaction(database, async (trx) => {
        await kit.requireMember(trx, ctx, memberId, { lock: true, live: true });
        const now = clock.iso();
        await photosRepo.put(trx, { tenant_id: ctx.tenantId, member_id: memberId, content_type: contentType, content, updated_at: now });
        await membersRepo.update(trx, ctx.tenantId, memberId, { has_photo: true, updated_at: now });
        await timeline.append(trx, ctx, { memberId, kind: 'member.photo.updated', refType: 'member', refId: memberId });
        await audit.record(trx, ctx, { action: 'member.photo.update', entityType: 'member', entityId: memberId, after: { contentType, size: content.length } });
        return { hasPhoto: true as const, contentType, size: content.length };
      });
    },

    async getPhoto(ctx: Ctx, memberId: string): Promise<{ contentType: string; content: Buffer; updatedAt: string }> {
      requirePermission(ctx, 'member.read');
      await kit.requireMember(db, ctx, memberId);
      const p = await photosRepo.get(db, ctx.tenantId, memberId);
      if (!p) throw MemberErrors.PHOTO_NOT_FOUND();
      return { contentType: p.content_type, content: Buffer.from(p.content), updatedAt: p.updated_at };
    },

    async deletePhoto(ctx: Ctx, memberId: string): Promise<void> {
      requirePermission(ctx, 'member.write');
      await inTransaction(database, async (trx) => {
        await kit.requireMember(trx, ctx, memberId, { lock: true, live: true });
        const r = await photosRepo.delete(trx, ctx.tenantId, memberId);
        if (Number(r.numDeletedRows ?? 0n) === 0) throw MemberErrors.PHOTO_NOT_FOUND();
        await membersRepo.update(trx, ctx.tenantId, memberId, { has_photo: false, updated_at: clock.iso() });
        await audit.record(trx, ctx, { action: 'member.photo.delete', entityType: 'member', entityId: memberId });
      });
    },

    /** The member number as a QR code: the desk scanner types it into the search box. */
    async qr(ctx: Ctx, memberId: string, format: 'svg' | 'png', size: number): Promise<{ contentType: string; body: string | Buffer }> {
      requirePermission(ctx, 'member.read');
      const m = await kit.requireMember(db, ctx, memberId, { live: true });
      if (format === 'png') return { contentType: 'image/png', body: await QRCode.toBuffer(m.member_no, { type: 'png', width: size, margin: 4, errorCorrectionLevel: 'M' }) };
      return { contentType: 'image/svg+xml; charset=utf-8', body: qrSvg(m.member_no, size) };
    },

    async card(ctx: Ctx, memberId: string): Promise<string> {
      requirePermission(ctx, 'member.read');
      const m = await kit.requireMember(db, ctx, memberId, { live: true });
      const tenant = await kit.tenantInfo(ctx);
      return cardSvg({
        tenantName: tenant.name,
        memberName: m.name,
        memberNo: m.member_no,
        cardNo: m.card_no,
        caption: ctx.locale === 'en' ? 'Membership card' : '会员卡 MEMBERSHIP CARD',
      });
    },

    async timeline(ctx: Ctx, memberId: string, f: { kinds?: string[]; cursor?: string; limit: number }) {
      requirePermission(ctx, 'member.read');
      await kit.requireMember(db, ctx, memberId);
      return timeline.list(ctx, memberId, f);
    },
  };
}

export type MediaService = ReturnType<typeof createMediaService>;
