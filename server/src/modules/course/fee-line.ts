import type { Executor } from '../../db/database';
import type { Ctx } from '../../shared/context';
import type { OrderLineHandler } from '../order';
import { CourseErrors } from './course.errors';
import type { CourseKit } from './course.kit';
import { courseRepo } from './course.repo';

const LABEL = { late_cancel: { 'zh-CN': '迟取消费', en: 'Late-cancel fee' }, no_show: { 'zh-CN': '缺席费', en: 'No-show fee' } } as const;

/**
 * Late-cancel and no-show fees are paid the one way money comes in: an order line of kind
 * `class_fee` whose item is the due fee (cfe_…). The order prices it at the fee's amount (no
 * discounts, no points), takes the tenders and joins the shift; fulfilling the line marks the
 * fee paid with its order, in the order's transaction. Refunding the line makes the fee due again.
 */
export function createClassFeeLineHandler(kit: CourseKit): OrderLineHandler {
  const { audit } = kit.deps;

  async function lockedFee(trx: Executor, ctx: Ctx, id: string) {
    const f = await kit.d.forUpdate(trx.selectFrom('class_cancel_fees').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', id)).executeTakeFirst();
    if (!f) throw CourseErrors.COURSE_FEE_NOT_FOUND({ details: { feeId: id } });
    return f;
  }

  return {
    kind: 'class_fee',

    async resolve(trx, ctx, req) {
      const f = await trx.selectFrom('class_cancel_fees').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', req.itemId).executeTakeFirst();
      if (!f) throw CourseErrors.COURSE_FEE_NOT_FOUND({ details: { feeId: req.itemId } });
      if (f.status !== 'due') throw CourseErrors.COURSE_FEE_SETTLED({ params: { status: f.status }, details: { feeId: f.id, status: f.status } });
      if (req.quantity !== 1 || req.unitPrice !== undefined) throw CourseErrors.COURSE_FEE_LINE_INVALID({ details: { feeId: f.id } });
      if (req.memberId !== f.member_id) throw CourseErrors.COURSE_FEE_OTHER_MEMBER({ details: { feeId: f.id, memberId: f.member_id } });
      const s = (await courseRepo.sessionsByIds(trx, ctx.tenantId, [f.session_id]))[0];
      const course = s ? (await courseRepo.coursesByIds(trx, ctx.tenantId, [s.course_id]))[0] : undefined;
      return {
        name: `${LABEL[f.kind][ctx.locale]}${course ? ` · ${course.name}` : ''}`,
        unitPrice: Number(f.amount),
        isTierDiscountable: false,
        isPointsPayable: false,
        isStoredValuePayable: true,
        isSpend: false,
        meta: { feeId: f.id, bookingId: f.booking_id, sessionId: f.session_id },
      };
    },

    async fulfil(trx, ctx, line) {
      const f = await lockedFee(trx, ctx, line.itemId);
      // Two orders for one fee: the second waits on the lock and then finds it paid.
      if (f.status !== 'due') throw CourseErrors.COURSE_FEE_SETTLED({ params: { status: f.status }, details: { feeId: f.id, status: f.status } });
      const now = kit.clock.iso();
      await trx
        .updateTable('class_cancel_fees')
        .set({ status: 'paid', order_id: line.orderId, settle_note: line.orderNo, settled_by: ctx.actor.name, settled_at: now, updated_at: now })
        .where('tenant_id', '=', ctx.tenantId)
        .where('id', '=', f.id)
        .execute();
      await audit.record(trx, ctx, { action: 'course.cancel_fee.pay', entityType: 'classCancelFee', entityId: f.id, storeId: line.storeId, before: { status: f.status }, after: { status: 'paid', orderId: line.orderId, amount: Number(f.amount) } });
    },

    async refund(trx, ctx, line) {
      const f = await lockedFee(trx, ctx, line.itemId);
      if (f.status !== 'paid' || f.order_id !== line.orderId) return;
      const now = kit.clock.iso();
      await trx
        .updateTable('class_cancel_fees')
        .set({ status: 'due', order_id: null, settle_note: null, settled_by: null, settled_at: null, updated_at: now })
        .where('tenant_id', '=', ctx.tenantId)
        .where('id', '=', f.id)
        .execute();
      await audit.record(trx, ctx, { action: 'course.cancel_fee.refund', entityType: 'classCancelFee', entityId: f.id, storeId: line.storeId, before: { status: 'paid', orderId: line.orderId }, after: { status: 'due' } });
    },
  };
}
