import { z } from 'zod';
import { cardSchema } from '../card';
import { pointsSummarySchema } from '../points';
import { memberTierSchema } from '../tier';
import { balancesSchema } from '../wallet';
import { ID_PREFIXES } from '../../shared/ids';
import { dateSchema, idSchema, mobileSchema } from '../../shared/validation';

const tenantCode = z.string().trim().min(1).max(40).optional().describe('The business (tenant code); optional when the server hosts one');

export const codeRequestBody = z.strictObject({ tenantCode, mobile: mobileSchema });
export const codeRequestSchema = z.object({ expiresInSeconds: z.number().describe('How long the code works once it arrives') });

export const signInBody = z.strictObject({ tenantCode, mobile: mobileSchema, code: z.string().trim().regex(/^\d{6}$/, 'six digits') });

export const portalMeSchema = z.object({
  id: z.string(),
  name: z.string(),
  memberNo: z.string(),
  mobile: z.string().nullable().describe('Masked'),
  children: z.array(z.object({ id: z.string(), name: z.string(), birthday: z.string().nullable() })).describe('Children the member may book for'),
  csrfToken: z.string().describe('Echo it in X-CSRF-Token on every write'),
});

export const portalAccountSchema = z.object({
  storedValue: balancesSchema.describe('Stored value in fen: principal, bonus, frozen, available'),
  points: pointsSummarySchema,
  tier: memberTierSchema,
  cards: z.object({ held: z.array(cardSchema), shared: z.array(cardSchema).describe('Cards of others the member may use (family)') }),
});

export const portalClassesQuery = z.strictObject({
  from: dateSchema,
  to: dateSchema.describe('At most 62 days after from'),
  storeId: idSchema(ID_PREFIXES.store).optional(),
  courseId: idSchema(ID_PREFIXES.course).optional(),
});

export const portalBookingsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const portalBookBody = z.strictObject({
  sessionId: idSchema(ID_PREFIXES.classSession),
  attendeeId: z.string().regex(/^(mbr|dep)_[0-9A-HJKMNP-TV-Z]{26}$/, 'yourself (mbr_…) or your child (dep_…)').describe('Yourself, or one of your children'),
  cardId: idSchema(ID_PREFIXES.memberCard).optional().describe('Hold on this card; otherwise the soonest-expiring eligible card'),
  joinWaitlist: z.boolean().default(false),
  acceptLatePromotion: z.boolean().optional().describe('On the waitlist: may be moved in even inside the late-cancel window'),
});

export const portalCancelBody = z.strictObject({ reason: z.string().trim().max(200).nullable().optional() });
export const bookingIdParam = z.strictObject({ bookingId: idSchema(ID_PREFIXES.booking) });
