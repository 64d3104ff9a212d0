// Before/after of an audit entry as a field-by-field table, changed fields highlighted.
import { Table, Typography } from 'antd';
import { useT } from '../i18n';

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

interface Row {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
  hasBefore: boolean;
  hasAfter: boolean;
}

export function diffRows(before: unknown, after: unknown): Row[] {
  if (!isRecord(before) && !isRecord(after)) {
    return [{ field: '', before, after, changed: before != null && after != null && show(before) !== show(after), hasBefore: before != null, hasAfter: after != null }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  // Only an update has changes to point out; a creation or deletion is all one side.
  const update = isRecord(before) && isRecord(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => ({
    field,
    before: b[field],
    after: a[field],
    changed: update && show(b[field]) !== show(a[field]),
    hasBefore: field in b,
    hasAfter: field in a,
  }));
}

export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const t = useT();
  const rows = diffRows(before, after);
  const cell = (present: boolean, v: unknown, tone: 'before' | 'after', changed: boolean) =>
    present ? (
      <Typography.Text
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12, wordBreak: 'break-all' }}
        delete={changed && tone === 'before'}
        type={changed && tone === 'before' ? 'secondary' : undefined}
        strong={changed && tone === 'after'}
      >
        {show(v)}
      </Typography.Text>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  return (
    <Table<Row>
      size="small"
      rowKey={(r) => r.field || '(value)'}
      pagination={false}
      dataSource={rows}
      data-testid="audit-diff"
      style={{ maxWidth: 960 }}
      onRow={(r) => ({ style: r.changed ? { background: '#fffbe6' } : undefined })}
      columns={[
        { title: t('audit.diff.field'), dataIndex: 'field', width: 200, render: (v: string) => <Typography.Text code>{v || t('audit.diff.value')}</Typography.Text> },
        { title: t('audit.diff.before'), key: 'before', render: (_: unknown, r: Row) => cell(r.hasBefore, r.before, 'before', r.changed) },
        { title: t('audit.diff.after'), key: 'after', render: (_: unknown, r: Row) => cell(r.hasAfter, r.after, 'after', r.changed) },
      ]}
    />
  );
}
