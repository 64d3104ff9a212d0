import { randomUUID } from 'node:crypto';
import type { Services } from '../../services';
import { type Ctx, systemCtx } from '../../shared/context';
import type { DemoContext } from './context';

/**
 * Classes & booking demo: rooms and teachers in both stores, yoga and pilates classes at the
 * studio, parent-and-child music and sensory classes (age ranges) at the early-education centre,
 * on weekly timetables starting today, plus a few bookings holding card sessions.
 */
export async function seedClassesDemo(s: Services, demo: DemoContext): Promise<void> {
  const base = systemCtx(demo.tenantId, { name: 'tessera seed --demo' });
  const once = (ctx: Ctx): Ctx => ({ ...ctx, idempotency: { key: `demo-${randomUUID()}`, requestHash: 'demo' } });
  const { yoga, early } = demo.storeIds;
  const c = s.courses.catalog;
  const ids = (demo.shared.memberIds ?? {}) as Record<string, string>;

  const today = await s.org.businessDate(demo.tenantId, s.clock.now());
  const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const weekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

  const hall = await c.createRoom(base, { storeId: yoga, name: '大教室', capacity: 20 });
  const small = await c.createRoom(base, { storeId: yoga, name: '器械室', capacity: 8 });
  const music = await c.createRoom(base, { storeId: early, name: '音乐教室', capacity: 12 });
  const li = await c.createTeacher(base, { name: '李瑶', skills: ['yoga', 'pilates'] });
  const wang = await c.createTeacher(base, { name: '王蕾', skills: ['yoga'] });
  const zhou = await c.createTeacher(base, { name: '周老师', skills: ['early_education'] });

  const flow = await c.createCourse(base, { name: '流瑜伽', category: 'yoga', description: '适合有一定基础的会员', durationMinutes: 60, capacity: 20, price: 12000, defaultTeacherId: li.id });
  const pilates = await c.createCourse(base, { name: '器械普拉提', category: 'pilates', description: '小班课,最多 8 人', durationMinutes: 50, capacity: 8, price: 18000, defaultTeacherId: li.id });
  const musicKids = await c.createCourse(base, { name: '亲子音乐', category: 'early_education', description: '家长陪同,2–4 岁', minAgeMonths: 24, maxAgeMonths: 48, durationMinutes: 45, capacity: 10, price: 20000, defaultTeacherId: zhou.id });
  const sensory = await c.createCourse(base, { name: '感统训练', category: 'early_education', description: '3–6 岁', minAgeMonths: 36, maxAgeMonths: 72, durationMinutes: 60, capacity: 8, price: 22000, defaultTeacherId: zhou.id });

  const timetable = (courseId: string, storeId: string, roomId: string, teacherId: string, offset: number, startTime: string) =>
    c.createTimetable(base, { courseId, storeId, roomId, teacherId, weekday: weekday(day(offset)), startTime, startsOn: today, exceptDates: [] });
  await timetable(flow.id, yoga, hall.id, li.id, 1, '19:00');
  await timetable(flow.id, yoga, hall.id, wang.id, 2, '07:30');
  await timetable(pilates.id, yoga, small.id, li.id, 3, '12:00');
  await timetable(musicKids.id, early, music.id, zhou.id, 1, '10:00');
  await timetable(sensory.id, early, music.id, zhou.id, 2, '15:30');

  // A few bookings on tomorrow's yoga class, holding sessions of the members' cards.
  const tomorrow = (await c.listSessions({ ...base, storeId: yoga }, { from: day(1), to: day(1), storeId: yoga })).find((x) => x.courseId === flow.id);
  if (tomorrow) {
    for (const name of ['林晓雯', '曾美玲']) {
      const attendeeId = ids[name];
      if (attendeeId) await s.courses.bookings.book(once({ ...base, storeId: yoga }), { sessionId: tomorrow.id, attendeeId, joinWaitlist: false });
    }
  }
}
