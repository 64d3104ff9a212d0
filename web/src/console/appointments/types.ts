// Named DTOs of the 1:1 appointment routes, picked from the generated OpenAPI types.
import type { BodyOf, ResponseOf } from '../../api/types';

export type Coach = ResponseOf<'/api/v1/coaches', 'get'>['items'][number];
export type Slot = ResponseOf<'/api/v1/coach-slots', 'get'>['items'][number];
export type Appointment = ResponseOf<'/api/v1/appointments', 'get'>['items'][number];
export type AppointmentStatus = Appointment['status'];
export type Availability = ResponseOf<'/api/v1/coach-availability/{teacherId}', 'get'>;
export type AvailabilityPut = BodyOf<'/api/v1/coach-availability/{teacherId}', 'put'>;
export type CardChoice = ResponseOf<'/api/v1/appointment-cards', 'get'>;
