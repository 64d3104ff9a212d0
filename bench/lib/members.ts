import { inTransaction } from '../../server/src/db/database';
import { toJson } from '../../server/src/db/dialect';
import { bulkInsert } from '../../server/src/modules/member/member.repo';
import { memberTerms, mobileLast4, monthDay, nameKeys } from '../../server/src/modules/member/member.rules';
import type { Services } from '../../server/src/services';
import { ID_PREFIXES, newId } from '../../server/src/shared/ids';

/**
 * Many members for the search bench, written with the rows the product writes (the import's
 * columns, pinyin / initials keys and search terms from the member rules) but in bulk: a million
 * members through the services one by one would take an hour. Names are drawn from common
 * surnames and given-name characters, so names, initials and mobile tails collide as in a real
 * chain's member base.
 */
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢骆岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜路詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵解强柴华车冉房边'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建红飞亮波宁琳雪梅海燕晨浩宇欣怡子涵思雨轩佳琪一诺梓睿小明晓东俊熙嘉欣'];

export const BENCH_MOBILE_BASE = 13_900_000_000;
/** Member i's mobile: a permutation of 0…10⁸−1 (7919 is coprime with 10⁸), so all are distinct and tails spread evenly. */
export function benchMobile(i: number): string {
  return String(BENCH_MOBILE_BASE + ((i * 7919) % 100_000_000));
}

export function benchName(i: number): string {
  const s = SURNAMES[i % SURNAMES.length];
  const g1 = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length];
  const g2 = GIVEN[Math.floor(i / (SURNAMES.length * GIVEN.length)) % GIVEN.length];
  return i % 3 === 0 ? `${s}${g1}` : `${s}${g1}${g2}`;
}

const COLUMNS = [
  'tenant_id', 'id', 'member_no', 'name', 'name_pinyin', 'name_initials', 'gender', 'birthday', 'birth_md', 'mobile', 'mobile_last4',
  'home_store_id', 'source_channel', 'interests_json', 'origin', 'created_by', 'created_at', 'updated_at',
] as const;

export async function generateMembers(s: Services, tenantId: string, storeIds: string[], count: number, log: (line: string) => void): Promise<void> {
  const CHUNK = 20_000;
  const started = Date.now();
  const now = new Date().toISOString();
  for (let from = 0; from < count; from += CHUNK) {
    const members: unknown[][] = [];
    const terms: unknown[][] = [];
    for (let i = from; i < Math.min(count, from + CHUNK); i++) {
      const id = newId(ID_PREFIXES.member);
      const name = benchName(i);
      const keys = nameKeys(name);
      const mobile = benchMobile(i);
      const birthday = `${1960 + (i % 50)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
      members.push([tenantId, id, `M${String(i + 1).padStart(7, '0')}`, name, keys.pinyin, keys.initials, i % 2 ? 'female' : 'male', birthday, monthDay(birthday), mobile, mobileLast4(mobile), storeIds[i % storeIds.length], i % 4 ? '美团' : '转介绍', toJson([]), 'import', null, now, now]);
      for (const term of memberTerms(name)) terms.push([tenantId, term, id]);
    }
    await inTransaction(s.database, async (trx) => {
      await bulkInsert(trx, 'members', COLUMNS, members, 250);
      await bulkInsert(trx, 'member_search_terms', ['tenant_id', 'term', 'member_id'], terms, 1000);
    });
    if ((from / CHUNK) % 10 === 9) log(`  ${(from + CHUNK).toLocaleString('en-US')} members generated (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  await s.database.db.updateTable('member_settings').set({ next_number: count + 1 }).where('tenant_id', '=', tenantId).execute();
}
