import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { inTransaction } from '../../db/database';
import { type Ctx, requirePermission } from '../../shared/context';
import type { Locale } from '../../shared/i18n';
import type { MemberKit } from './member.kit';
import { type MemberRow, customRepo, tagsRepo } from './member.repo';
import { customValueOut } from './member.rules';
import type { MemberFilterQuery } from './member.schemas';
import type { SearchService } from './search.service';

/**
 * Export of any filtered member list as CSV (UTF-8 with BOM, so Excel opens it) or XLSX,
 * streamed page by page (keyset pages of 500): memory stays flat however many members match.
 * Mobiles are masked unless the caller holds member.mobile.view; the export is audited.
 * The column headers are the ones the importer recognises, so an export re-imports as is.
 */
export const EXPORT_COLUMNS: { key: string; 'zh-CN': string; en: string }[] = [
  { key: 'memberNo', 'zh-CN': '会员编号', en: 'Member number' },
  { key: 'name', 'zh-CN': '姓名', en: 'Name' },
  { key: 'gender', 'zh-CN': '性别', en: 'Gender' },
  { key: 'birthday', 'zh-CN': '生日', en: 'Birthday' },
  { key: 'mobile', 'zh-CN': '手机号', en: 'Mobile' },
  { key: 'email', 'zh-CN': '邮箱', en: 'Email' },
  { key: 'address', 'zh-CN': '地址', en: 'Address' },
  { key: 'cardNo', 'zh-CN': '卡号', en: 'Card number' },
  { key: 'homeStore', 'zh-CN': '所属门店', en: 'Home store' },
  { key: 'sourceChannel', 'zh-CN': '来源渠道', en: 'Source channel' },
  { key: 'referrerName', 'zh-CN': '推荐人', en: 'Referrer' },
  { key: 'tags', 'zh-CN': '标签', en: 'Tags' },
  { key: 'interests', 'zh-CN': '兴趣', en: 'Interests' },
  { key: 'goals', 'zh-CN': '目标', en: 'Goals' },
  { key: 'notes', 'zh-CN': '备注', en: 'Notes' },
  { key: 'createdAt', 'zh-CN': '建档时间', en: 'Created at' },
];

const GENDER: Record<Locale, Record<string, string>> = {
  'zh-CN': { male: '男', female: '女', unknown: '未知' },
  en: { male: 'male', female: 'female', unknown: 'unknown' },
};

/** Spreadsheet formula injection: text starting with = + - @ is shown, not evaluated. */
export function safeCell(v: string): string {
  return /^[=+@\t\r]/.test(v) || (/^-/.test(v) && !/^-\d+(\.\d+)?$/.test(v)) ? `'${v}` : v;
}

export function csvLine(cells: string[]): string {
  return `${cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')}\r\n`;
}

export function createExportService(kit: MemberKit, search: SearchService) {
  const { database, audit, org } = kit;
  const db = database.db;

  return {
    async exportList(ctx: Ctx, query: MemberFilterQuery, format: 'csv' | 'xlsx'): Promise<{ stream: Readable; contentType: string; filename: string }> {
      requirePermission(ctx, 'member.export');
      const filter = await search.parseFilter(db, ctx, query);
      const [defs, stores] = await Promise.all([customRepo.fields(db, ctx.tenantId), org.storesForScope(ctx.tenantId, { all: true })]);
      const storeName = new Map(stores.map((s) => [s.id, s.name]));
      const activeDefs = defs.filter((d) => d.is_active);
      const header = [...EXPORT_COLUMNS.map((c) => c[ctx.locale]), ...activeDefs.map((d) => (ctx.locale === 'en' ? d.label_en : d.label_zh))];
      const { format: _format, ...filterForAudit } = query as Record<string, unknown>;
      await inTransaction(database, (trx) => audit.record(trx, ctx, { action: 'member.export', entityType: 'member', after: { format, filter: filterForAudit } }));

      async function rowsOf(page: MemberRow[]): Promise<string[][]> {
        const ids = page.map((r) => r.id);
        const unknownStores = [...new Set(page.map((r) => r.home_store_id))].filter((id) => !storeName.has(id));
        for (const s of await org.storesByIds(ctx.tenantId, unknownStores)) storeName.set(s.id, s.name);
        const [tags, values] = await Promise.all([tagsRepo.forMembers(db, ctx.tenantId, ids), customRepo.valuesFor(db, ctx.tenantId, ids)]);
        return page.map((r) => {
          const cv = values.filter((v) => v.member_id === r.id);
          const cells: Record<string, string> = {
            memberNo: r.member_no,
            name: kit.nameOf(ctx, r),
            gender: r.gender ? GENDER[ctx.locale][r.gender] : '',
            birthday: r.birthday ?? '',
            mobile: kit.showMobile(ctx, r.mobile) ?? '',
            email: r.email ?? '',
            address: r.address ?? '',
            cardNo: r.card_no ?? '',
            homeStore: storeName.get(r.home_store_id) ?? r.home_store_id,
            sourceChannel: r.source_channel ?? '',
            referrerName: r.referrer_name ?? '',
            tags: (tags.get(r.id) ?? []).join(','),
            interests: r.interests_json.join(','),
            goals: r.goals ?? '',
            notes: r.notes ?? '',
            createdAt: r.created_at,
          };
          const custom = activeDefs.map((d) => {
            const v = cv.find((x) => x.field_id === d.id);
            const out = v ? customValueOut(d.field_type, v) : null;
            return out === null ? '' : String(out);
          });
          return [...EXPORT_COLUMNS.map((c) => cells[c.key]), ...custom].map(safeCell);
        });
      }

      const stamp = kit.clock.iso().slice(0, 10);
      if (format === 'csv') {
        async function* lines() {
          yield `\ufeff${csvLine(header)}`;
          for await (const page of search.iterate(ctx, filter)) {
            yield (await rowsOf(page)).map(csvLine).join('');
          }
        }
        return { stream: Readable.from(lines()), contentType: 'text/csv; charset=utf-8', filename: `members-${stamp}.csv` };
      }
      const out = new PassThrough();
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
      const ws = wb.addWorksheet(ctx.locale === 'en' ? 'Members' : '会员');
      void (async () => {
        try {
          ws.addRow(header).commit();
          for await (const page of search.iterate(ctx, filter)) {
            for (const row of await rowsOf(page)) ws.addRow(row).commit();
          }
          await ws.commit();
          await wb.commit();
        } catch (err) {
          out.destroy(err as Error);
        }
      })();
      return { stream: out, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `members-${stamp}.xlsx` };
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
