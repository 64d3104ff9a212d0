import { expect, it } from 'vitest';
import { DAY, HOUR } from '../../src/shared/clock';
import { book, classSetup, memberWithCard } from '../fixtures/classes';
import { describeEachDb } from '../helpers/env';

/** Editing a weekly timetable: classes not yet started move with their bookings; overlaps refuse it all; a shorter range cancels; one day moved. */
describeEachDb('classes: editing timetables', (use) => {
  it('moves future classes with their bookings, refuses overlaps with nothing changed, cancels outside a shorter range, moves one day', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const { room, course } = await classSetup(c, t.storeId);
    const today = new Date(env.clock.now().getTime() + 8 * HOUR).toISOString().slice(0, 10);
    const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
    const weekday = ((new Date(`${day(1)}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    const tt = (await c.post('/api/v1/timetables', { courseId: course.id, storeId: t.storeId, roomId: room.id, weekday, startTime: '10:00', startsOn: day(1), endsOn: day(22) })).body;
    expect(tt.sessionsCreated).toBe(4);
    const list = async () => (await c.get(`/api/v1/class-sessions?from=${day(0)}&to=${day(40)}&storeId=${t.storeId}&includeCancelled=true`)).body.items as { id: string; startsAt: string; status: string; businessDate: string; booked: number }[];
    const [first] = await list();
    const m = await memberWithCard(c, t.storeId);
    const b = await book(c, { sessionId: first.id, attendeeId: m.memberId });
    expect(b.status, b.text).toBe(201);
    // Another class in the same room at 14:00 the first day: moving there is refused, nothing changed.
    const other = await c.post('/api/v1/class-sessions', { courseId: course.id, storeId: t.storeId, roomId: room.id, teacherId: (await c.post('/api/v1/teachers', { name: '周老师', skills: [] })).body.id, startsAt: `${day(1)}T06:00:00.000Z` });
    expect(other.status, other.text).toBe(201);
    const clash = await c.patch(`/api/v1/timetables/${tt.id}`, { startTime: '14:00' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('COURSE_ROOM_OVERLAP');
    expect((await c.get(`/api/v1/timetables/${tt.id}`)).body.startTime).toBe('10:00');
    expect((await list()).filter((s) => s.id !== other.body.id).map((s) => s.startsAt.slice(11, 16))).toEqual(['02:00', '02:00', '02:00', '02:00']);

    // 11:00 instead: every class moves, the booking stays, its member is told.
    const moved = await c.patch(`/api/v1/timetables/${tt.id}`, { startTime: '11:00', capacity: 12 });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ startTime: '11:00', capacity: 12 });
    const after = (await list()).filter((s) => s.id !== other.body.id);
    expect(after.map((s) => [s.startsAt.slice(11, 16), s.status])).toEqual(Array(4).fill(['03:00', 'scheduled']));
    expect(after[0]).toMatchObject({ id: first.id, booked: 1 });
    expect((await c.get(`/api/v1/bookings/${b.body.id}`)).body.status).toBe('confirmed');
    const events = await env.database.db.selectFrom('outbox_events').selectAll().where('tenant_id', '=', t.tenantId).where('topic', '=', 'class.moved').execute();
    expect(events).toHaveLength(1);
    // Capacity below the booked is refused on its field.
    const low = await c.patch(`/api/v1/timetables/${tt.id}`, { capacity: 0 });
    expect(low.status).toBe(400);

    // A shorter range: the last two classes are cancelled.
    const shorter = await c.patch(`/api/v1/timetables/${tt.id}`, { endsOn: day(8) });
    expect(shorter.status, shorter.text).toBe(200);
    expect((await list()).filter((s) => s.id !== other.body.id).map((s) => s.status)).toEqual(['scheduled', 'scheduled', 'cancelled', 'cancelled']);
    const bad = await c.patch(`/api/v1/timetables/${tt.id}`, { endsOn: day(0) });
    expect(bad.body.error.code).toBe('COURSE_TIMETABLE_DATES_INVALID');
    expect(bad.body.error.details).toEqual([{ path: 'endsOn' }]);

    // One day moved to the evening: the booking stays; the day is an exception.
    const mv = await c.post(`/api/v1/timetables/${tt.id}/moves`, { onDate: day(1), startsAt: `${day(1)}T11:00:00.000Z`, reason: '老师调课' });
    expect(mv.status, mv.text).toBe(200);
    expect(mv.body.exceptions).toEqual([{ onDate: day(1), reason: '老师调课' }]);
    expect((await c.get(`/api/v1/class-sessions/${first.id}`)).body).toMatchObject({ startsAt: `${day(1)}T11:00:00.000Z`, booked: 1 });
    // Into the other class's room and time: refused.
    const mvClash = await c.post(`/api/v1/timetables/${tt.id}/moves`, { onDate: day(8), startsAt: `${day(1)}T06:30:00.000Z` });
    expect(mvClash.body.error.code).toBe('COURSE_ROOM_OVERLAP');
  });
});
