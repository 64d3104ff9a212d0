import { z } from 'zod';
import { type ZApp, errorResponses } from '../../http/zapp';
import { bookingIdParam } from './course.schemas';
import type { CourseModule } from './course.module';
import { cancelFeeIdParam, cancelFeeListQuery, cancelFeeSchema, cancelFeeSettleBody, cancelPolicyBody, cancelPolicySchema, cancelPreviewQuery, cancelPreviewSchema } from './cancel-policy.schemas';

const tags = ['booking & check-in'];
const IDEM = 'Requires an Idempotency-Key header: a retry with the same key and body returns the first result; another body with that key is 409.';

/** Cancellation policy, cancel preview and late fees (registered by courseRoutes). */
export function cancelPolicyRoutes(app: ZApp, m: CourseModule): void {
  const { policy } = m;
  const replayed = <T>(reply: { header(k: string, v: string): unknown }, r: { value: T; replayed: boolean }) => {
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return r.value;
  };

  app.get('/course-cancel-policy', {
    config: { permission: 'course.read' },
    schema: { tags, summary: 'The cancellation policy: ordered rules (first match), grace allowances, booking ban', response: { 200: cancelPolicySchema, ...errorResponses } },
    handler: async (req) => policy.getPolicy(req.ctx()),
  });
  app.put('/course-cancel-policy', {
    config: { permission: 'course.settings' },
    schema: { tags, summary: 'Set the cancellation policy; a rule that never applies or a moment without a rule is refused field by field (400)', body: cancelPolicyBody, response: { 200: cancelPolicySchema, ...errorResponses } },
    handler: async (req) => policy.putPolicy(req.ctx(), req.body),
  });
  app.get('/bookings/:bookingId/cancel-preview', {
    config: { permission: 'course.read' },
    schema: { tags, summary: 'What cancelling the booking now would do: release or forfeit, fee, strike, grace used', params: bookingIdParam, querystring: cancelPreviewQuery, response: { 200: cancelPreviewSchema, ...errorResponses } },
    handler: async (req) => policy.preview(req.ctx(), req.params.bookingId, { waive: req.query.waive === 'true' }),
  });
  app.get('/class-cancel-fees', {
    config: { permission: 'course.read' },
    schema: { tags, summary: 'Late-cancel and no-show fees (newest first), e.g. a member’s due ones', querystring: cancelFeeListQuery, response: { 200: z.object({ items: z.array(cancelFeeSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await policy.listFees(req.ctx(), req.query) }),
  });
  app.post('/class-cancel-fees/:feeId/collect', {
    config: { permission: 'course.book', idempotent: true },
    schema: { tags, summary: 'Record a due fee as collected at the desk (a note says how); not an order in the cashier', description: IDEM, params: cancelFeeIdParam, body: cancelFeeSettleBody, response: { 200: cancelFeeSchema, ...errorResponses } },
    handler: async (req, reply) => replayed(reply, await policy.collectFee(req.ctx(), req.params.feeId, req.body)),
  });
  app.post('/class-cancel-fees/:feeId/waive', {
    config: { permission: 'course.waive', idempotent: true },
    schema: { tags, summary: 'Waive a due fee with a reason', description: IDEM, params: cancelFeeIdParam, body: cancelFeeSettleBody, response: { 200: cancelFeeSchema, ...errorResponses } },
    handler: async (req, reply) => replayed(reply, await policy.waiveFee(req.ctx(), req.params.feeId, req.body)),
  });
}
