import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { idSchema } from '../../shared/validation';

/** The self check-in kiosk (grouped apart from course.schemas.ts to keep merges small). */

export const kioskLookupBody = z.strictObject({
  storeId: idSchema(ID_PREFIXES.store).describe('The store the kiosk stands in'),
  code: z.string().trim().min(1).max(64).describe('Scanned member QR / member number, card number, or mobile last 4'),
});
export const kioskLookupSchema = z.object({
  matches: z.array(
    z.object({
      memberId: z.string(),
      maskedName: z.string().describe('张*明: enough to pick oneself among mobile-tail matches'),
      classes: z.array(
        z.object({
          bookingId: z.string(),
          sessionId: z.string(),
          courseName: z.string(),
          startsAt: z.string(),
          attendeeMaskedName: z.string(),
          isCheckedIn: z.boolean(),
          checkInOpensAt: z.string(),
        }),
      ),
    }),
  ),
});
