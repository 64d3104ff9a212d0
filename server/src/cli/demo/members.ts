import type { Services } from '../../services';
import { type Ctx, systemCtx } from '../../shared/context';
import type { DemoContext } from './context';

/**
 * Demo members: yoga members (tags, sources, a lunar birthday, a custom field, health data with
 * consent), early-education families (children, two guardians, pick-up people, the under-14
 * consent), some interactions and important dates, and leads at every stage of the pipeline.
 * Member ids land in demo.shared.memberIds for the seeders after this one.
 */
export async function seedMembersDemo(s: Services, demo: DemoContext): Promise<void> {
  const base = systemCtx(demo.tenantId, { name: 'tessera seed --demo' });
  const at = (storeId: string): Ctx => ({ ...base, storeId });
  const yoga = at(demo.storeIds.yoga);
  const kids = at(demo.storeIds.early);
  const m = s.members;

  await m.settings.createField(base, {
    key: 'yoga_level',
    labelZh: '瑜伽水平',
    labelEn: 'Yoga level',
    type: 'choice',
    options: [
      { value: 'beginner', labelZh: '初级', labelEn: 'Beginner' },
      { value: 'intermediate', labelZh: '中级', labelEn: 'Intermediate' },
      { value: 'advanced', labelZh: '高级', labelEn: 'Advanced' },
    ],
    isRequired: false,
    sortOrder: 1,
  });
  const texts = await m.sensitive.listTexts(base);
  const sensitiveText = texts.find((t) => t.kind === 'sensitive')!.id;
  const childText = texts.find((t) => t.kind === 'child')!.id;

  const ids: Record<string, string> = {};
  const yogaMembers = [
    { name: '林晓雯', mobile: '13800138001', gender: 'female', birthday: '1991-04-12', tags: ['VIP', '瑜伽'], sourceChannel: '大众点评', level: 'advanced', cardNo: 'YJ0001' },
    { name: '曾美玲', mobile: '13800138002', gender: 'female', birthday: '1988-09-30', tags: ['瑜伽'], sourceChannel: '美团', level: 'intermediate' },
    { name: '单志强', mobile: '13800138003', gender: 'male', birthday: '1985-01-18', tags: ['私教'], sourceChannel: '转介绍', level: 'beginner' },
    { name: '欧阳娜娜', mobile: '13800138004', gender: 'female', tags: ['瑜伽', '孕产'], sourceChannel: '小红书', level: 'beginner' },
    { name: '张小明', mobile: '13800138005', gender: 'male', birthday: '1993-07-07', tags: ['普拉提'], sourceChannel: '大众点评' },
    { name: 'Emily Chen', mobile: '13800138006', gender: 'female', birthday: '1990-12-24', tags: ['VIP'], sourceChannel: '转介绍', level: 'intermediate' },
  ] as const;
  for (const y of yogaMembers) {
    const dto = await m.profiles.create(yoga, {
      name: y.name,
      mobile: y.mobile,
      gender: y.gender,
      birthday: 'birthday' in y ? y.birthday : null,
      tags: [...y.tags],
      sourceChannel: y.sourceChannel,
      cardNo: 'cardNo' in y ? y.cardNo : null,
      customFields: 'level' in y ? { yoga_level: y.level } : undefined,
      interests: ['瑜伽'],
    });
    ids[y.name] = dto.id;
  }
  // Celebrates by the lunar calendar (农历八月十五).
  ids['王秀英'] = (await m.profiles.create(yoga, { name: '王秀英', mobile: '13800138007', gender: 'female', lunarBirthday: { year: 1968, month: 8, day: 15, isLeapMonth: false }, tags: ['VIP'], sourceChannel: '老会员' })).id;

  await m.sensitive.grant(base, ids['曾美玲'], { kind: 'sensitive', textId: sensitiveText, channel: 'paper' });
  await m.sensitive.write(base, ids['曾美玲'], { health: { conditions: '腰椎间盘突出', restrictions: '避免深度后弯和负重扭转', injuries: null, notes: '练习前提醒老师' } });

  // Early education: two families; one child has both parents as guardians.
  const mum = await m.profiles.create(kids, { name: '陈静', mobile: '13900139001', gender: 'female', tags: ['早教'], sourceChannel: '小区地推' });
  const dad = await m.profiles.create(kids, { name: '李强', mobile: '13900139002', gender: 'male', tags: ['早教'], sourceChannel: '小区地推' });
  const mother2 = await m.profiles.create(kids, { name: '赵丽', mobile: '13900139003', gender: 'female', tags: ['早教', 'VIP'], sourceChannel: '转介绍', referrerMemberId: mum.id });
  const today = await m.today(base);
  const yearsAgo = (n: number, md: string) => `${Number(today.slice(0, 4)) - n}-${md}`;
  const bao = await m.family.addDependent(kids, mum.id, {
    name: '李小宝',
    gender: 'male',
    birthday: yearsAgo(3, '03-15'),
    relation: '妈妈',
    isPrimary: true,
    allergies: '花生',
    school: null,
    className: '托班 A',
    consent: { textId: childText, channel: 'paper' },
  });
  await m.family.addGuardian(kids, bao.id, { memberId: dad.id, relation: '爸爸', isPrimary: false });
  await m.family.addContact(kids, bao.id, { kind: 'pickup', name: '李奶奶', relation: '奶奶', mobile: '13700137001' });
  await m.family.addContact(kids, bao.id, { kind: 'emergency', name: '陈外婆', relation: '外婆', mobile: '13700137002' });
  await m.family.addDependent(kids, mum.id, { name: '李小贝', gender: 'female', birthday: yearsAgo(1, '11-02'), relation: '妈妈', isPrimary: true, specialNeeds: '午睡需要安抚巾', consent: { textId: childText, channel: 'desk' } });
  await m.family.addDependent(kids, mother2.id, { name: '孙悦悦', gender: 'female', birthday: yearsAgo(5, '06-01'), relation: '妈妈', isPrimary: true, school: '实验幼儿园', className: '中二班', consent: { textId: childText, channel: 'desk' } });
  Object.assign(ids, { 陈静: mum.id, 李强: dad.id, 赵丽: mother2.id });

  await s.crm.create(yoga, ids['林晓雯'], { kind: 'complaint', subject: '更衣室储物柜', content: '储物柜门锁不灵,希望尽快维修', channel: 'desk', ownerStaffId: null, followUpDate: today });
  await s.crm.create(yoga, ids['单志强'], { kind: 'consultation', subject: '私教课', content: '咨询私教 20 节套餐价格与上课时间', channel: 'phone' });
  await s.crm.create(kids, mum.id, { kind: 'visit', content: '体验课后回访:孩子适应良好,考虑报名托班', channel: 'wechat' });
  await s.crm.addDate(kids, mum.id, { kind: 'anniversary', label: '入会纪念日', date: yearsAgo(1, today.slice(5)), isRecurring: true });

  const leads = [
    { name: '周女士', mobile: '13600136001', sourceChannel: '抖音', interest: '空中瑜伽体验', storeId: demo.storeIds.yoga, to: null },
    { name: '吴先生', mobile: '13600136002', sourceChannel: '大众点评', interest: '私教', storeId: demo.storeIds.yoga, to: 'contacted' },
    { name: '郑妈妈', mobile: '13600136003', sourceChannel: '小区地推', interest: '早教体验课', childName: '郑多多', storeId: demo.storeIds.early, to: 'trial_booked' },
    { name: '冯妈妈', mobile: '13600136004', sourceChannel: '转介绍', interest: '托班', childName: '冯乐乐', storeId: demo.storeIds.early, to: 'trial_attended' },
    { name: '何小姐', mobile: '13600136005', sourceChannel: '美团', interest: '瑜伽月卡', storeId: demo.storeIds.yoga, to: 'lost' },
  ] as const;
  for (const l of leads) {
    const ctx = at(l.storeId);
    const created = await s.leads.create(ctx, { name: l.name, mobile: l.mobile, sourceChannel: l.sourceChannel, interest: l.interest, childName: 'childName' in l ? l.childName : null, storeId: l.storeId });
    if (l.to === 'lost') await s.leads.setStatus(ctx, created.id, { status: 'lost', lostReason: '觉得价格偏高' });
    else if (l.to) await s.leads.setStatus(ctx, created.id, { status: l.to });
  }
  demo.shared.memberIds = ids;
}
