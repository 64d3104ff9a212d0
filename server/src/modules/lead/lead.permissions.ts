import { definePermissions } from '../../shared/permissions';

definePermissions(
  [
    { code: 'lead.read', group: 'lead', label: { 'zh-CN': '查看潜在客户与转化报表', en: 'View leads and conversion reports' }, roles: ['manager', 'frontDesk'] },
    { code: 'lead.manage', group: 'lead', label: { 'zh-CN': '登记、跟进与转化潜在客户', en: 'Record, follow up and convert leads' }, roles: ['manager', 'frontDesk'] },
  ],
  { lead: { 'zh-CN': '潜在客户', en: 'Leads' } },
);
