import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { defineValidationMessages, idSchema, vmsg } from '../../shared/validation';
import { checkCancelRules } from './course.rules';

/** Cancellation policy, cancel preview and late fees (grouped apart from course.schemas.ts to keep merges small). */

defineValidationMessages({
  COURSE_POLICY_NEVER_APPLIES: { 'zh-CN': '前面的规则已覆盖这个时段,本条永远不会生效', en: 'Earlier rules already cover this window: this rule never applies' },
  COURSE_POLICY_UNCOVERED: { 'zh-CN': '开课前 {minutes} 分钟左右的取消没有对应规则', en: 'No rule covers cancelling about {minutes} minutes before the class' },
  COURSE_POLICY_MINUTES_REQUIRED: { 'zh-CN': '请填写分钟数', en: 'Enter the minutes' },
  COURSE_POLICY_MINUTES_NOT_ALLOWED: { 'zh-CN': '“开课后/未到”规则不需要分钟数', en: 'An after-start / no-show rule takes no minutes' },
});

const ISSUE_KEYS = { never_applies: 'COURSE_POLICY_NEVER_APPLIES', uncovered: 'COURSE_POLICY_UNCOVERED', minutes_required: 'COURSE_POLICY_MINUTES_REQUIRED', minutes_not_allowed: 'COURSE_POLICY_MINUTES_NOT_ALLOWED' } as const;

export const cancelRuleSchema = z.object({
  window: z.enum(['at_least', 'less_than', 'after_start']).describe('at_least N: cancelled N or more minutes before the start; less_than N: later but before the start; after_start: after the start, and no-shows'),
  minutes: z.number().nullable().describe('N for at_least / less_than; null for after_start'),
  session: z.enum(['release', 'forfeit']).describe('The held card session: given back, or consumed'),
  feeFen: z.number().describe('A late fee in fen recorded as owed by the member (0: none)'),
  countsTowardBan: z.boolean(),
});
export const cancelPolicySchema = z.object({
  rules: z.array(cancelRuleSchema).describe('Evaluated in order; the first matching rule decides'),
  graceLateCancelsPerMonth: z.number().describe('The first G penalised cancellations before the start in a calendar month are treated as in time'),
  banAfterCount: z.number().describe('Booking is refused after this many strikes (rules that count toward the ban) in 30 days; 0: never. Same value as the course settings’ banAfterCount'),
  banDays: z.number().nullable().describe('…for this many days from the strike that reached the count; null: while the last 30 days hold that many'),
  isCustom: z.boolean().describe('false: no list saved, derived from lateCancelMinutes'),
});
export const cancelPolicyBody = z
  .strictObject({
    rules: z
      .array(
        z.strictObject({
          window: cancelRuleSchema.shape.window,
          minutes: z.number().int().min(0).max(30 * 24 * 60).nullable().default(null),
          session: cancelRuleSchema.shape.session,
          feeFen: z.number().int().min(0).max(10_000_00).default(0),
          countsTowardBan: z.boolean().default(false),
        }),
      )
      .min(1)
      .max(12),
    graceLateCancelsPerMonth: z.number().int().min(0).max(31).default(0),
    banAfterCount: z.number().int().min(0).max(100),
    banDays: z.number().int().min(1).max(365).nullable().default(null),
  })
  .superRefine((b, ctx) => {
    for (const issue of checkCancelRules(b.rules)) {
      ctx.addIssue({ code: 'custom', path: issue.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: vmsg(ISSUE_KEYS[issue.code]).error, minutes: issue.minutes } as never);
    }
  });

export const cancelPreviewQuery = z.strictObject({ waive: z.enum(['true', 'false']).optional().describe('Preview a staff waiver') });
export const cancelPreviewSchema = z.object({
  bookingId: z.string(),
  status: z.string(),
  outcome: z.enum(['waitlist', 'release', 'forfeit']).describe('waitlist: leaving the waitlist changes nothing'),
  feeFen: z.number(),
  countsTowardBan: z.boolean(),
  isLate: z.boolean().describe('The matching rule penalises (before grace and waiver)'),
  isGrace: z.boolean().describe('A grace allowance of the month would be used'),
  isWaived: z.boolean(),
  graceRemaining: z.number().describe('Grace allowances left this month before this cancellation'),
  ruleIndex: z.number().nullable(),
  rule: cancelRuleSchema.nullable(),
  minutesBefore: z.number().describe('Whole minutes until the class starts (negative: started)'),
});

export const cancelFeeSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  bookingId: z.string(),
  sessionId: z.string(),
  storeId: z.string(),
  kind: z.enum(['late_cancel', 'no_show']),
  amount: z.number().describe('fen'),
  status: z.enum(['due', 'paid', 'waived']),
  courseName: z.string(),
  startsAt: z.string(),
  settleNote: z.string().nullable(),
  settledBy: z.string().nullable(),
  settledAt: z.string().nullable(),
  orderId: z.string().nullable().describe('The order that took the money at the cashier (pay it as an order line of kind class_fee)'),
  createdAt: z.string(),
});
export const cancelFeeIdParam = z.object({ feeId: idSchema(ID_PREFIXES.cancelFee) });
export const cancelFeeListQuery = z.strictObject({ memberId: idSchema(ID_PREFIXES.member).optional(), status: z.enum(['due', 'paid', 'waived']).optional() });
export const cancelFeeSettleBody = z.strictObject({ note: z.string().trim().min(1).max(200).describe('How it was collected (e.g. cash at the desk) or why it is waived') });

export type CancelPolicyView = z.infer<typeof cancelPolicySchema>;
export type CancelPreview = z.infer<typeof cancelPreviewSchema>;
export type CancelFeeView = z.infer<typeof cancelFeeSchema>;
