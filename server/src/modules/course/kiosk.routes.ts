import { type ZApp, errorResponses } from '../../http/zapp';
import type { CourseModule } from './course.module';
import { kioskLookupBody, kioskLookupSchema } from './kiosk.schemas';

const tags = ['booking & check-in'];

/** The self check-in kiosk's lookup (check-in itself is the desk's route). */
export function kioskRoutes(app: ZApp, m: CourseModule): void {
  app.post('/class-kiosk/lookup', {
    config: { permission: 'course.checkin', readOnly: true },
    schema: {
      tags,
      summary: 'Kiosk: members a scanned code names (masked names only) with their classes in this store starting soon today',
      body: kioskLookupBody,
      response: { 200: kioskLookupSchema, ...errorResponses },
    },
    handler: async (req) => m.kiosk.lookup(req.ctx(), req.body),
  });
}
