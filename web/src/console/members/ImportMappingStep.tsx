// The import wizard's second step: map the file's columns to member fields (suggested from the
// headers, or a saved mapping), then start the dry run.
import { Alert, Button, Col, Descriptions, Form, Input, Radio, Row, Select, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, call } from '../../api/client';
import { useLocale } from '../../i18n/locale';
import { storeOptions } from '../components/org-options';
import { useApiError } from '../errors';
import { type MsgKey, useT } from '../i18n';
import { useSession } from '../session';
import type { ImportJob, ImportMapping, UploadedImportJob } from './types';
import { useMemberMeta } from './useMemberMeta';

import { IMPORT_FIELDS, OPENING_FIELDS } from './importFields';

interface MappingValues {
  mapping: Record<string, string>;
  dedupe: 'skip' | 'update';
  defaultStoreId?: string;
  saveMappingAs?: string;
}

export function MappingStep(props: { job: ImportJob; upload: UploadedImportJob | null; onCancel(): void; onStarted(j: ImportJob): void }) {
  const t = useT();
  const { locale } = useLocale();
  const { currentStore } = useSession();
  const showError = useApiError();
  const meta = useMemberMeta();
  const [form] = Form.useForm<MappingValues>();
  const [saved, setSaved] = useState<ImportMapping[]>([]);
  const [starting, setStarting] = useState(false);
  const { job, upload } = props;
  const mapping = Form.useWatch('mapping', form) ?? {};
  const headerIndex = (h: string) => job.headers.indexOf(h);
  // Form field names cannot hold dots or brackets safely: map headers by their column index.
  const asForm = (m: Record<string, string>) => Object.fromEntries(job.headers.map((h, i) => [`c${i}`, m[h] ?? 'ignore']));
  const fromForm = (m: Record<string, string>) => Object.fromEntries(job.headers.map((h, i) => [h, m[`c${i}`] ?? 'ignore']));

  useEffect(() => {
    let live = true;
    call(api.GET('/api/v1/member-import-mappings'))
      .then((r) => live && setSaved(r.items))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  const initialMapping = job.mapping ?? upload?.suggestedMapping ?? {};
  const options = useMemo(
    () => [
      { value: 'ignore', label: t('import.ignore') },
      { label: t('import.group.fields'), options: IMPORT_FIELDS.map((f) => ({ value: f.value, label: t(f.label) })) },
      ...(meta.activeFields.length
        ? [{ label: t('import.group.custom'), options: meta.activeFields.map((d) => ({ value: `custom.${d.key}`, label: locale === 'en' ? d.labelEn : d.labelZh })) }]
        : []),
      { label: t('import.group.opening'), options: OPENING_FIELDS.map((f) => ({ value: f.value, label: t(f.label) })) },
    ],
    [t, meta.activeFields, locale],
  );
  const chosen = Object.values(mapping).filter((v) => v && v !== 'ignore');
  const dupes = new Set(chosen.filter((v, i) => chosen.indexOf(v) !== i));
  // Labels of the targets the mapping still needs; sessions live on a card, so the file must name the card product.
  const missing: MsgKey[] = [
    ...(['name', 'mobile'] as const).filter((f) => !chosen.includes(f)).map((f) => `members.field.${f}` as const),
    ...(chosen.includes('openingSessions') && !chosen.includes('openingCardProduct') ? (['import.field.openingCardProduct'] as const) : []),
  ];
  const opening = chosen.filter((v) => OPENING_FIELDS.some((f) => f.value === v));

  async function start(v: MappingValues) {
    setStarting(true);
    try {
      const j = await call(
        api.POST('/api/v1/member-imports/{jobId}/validate', {
          params: { path: { jobId: job.id } },
          body: { mapping: fromForm(v.mapping), dedupe: v.dedupe, defaultStoreId: v.defaultStoreId ?? null, ...(v.saveMappingAs?.trim() ? { saveMappingAs: v.saveMappingAs.trim() } : {}) },
        }),
      );
      props.onStarted(j);
    } catch (err) {
      showError(err, form);
    } finally {
      setStarting(false);
    }
  }

  return (
    <Form<MappingValues>
      form={form}
      layout="vertical"
      initialValues={{ mapping: asForm(initialMapping), dedupe: job.dedupe, defaultStoreId: job.defaultStoreId ?? currentStore?.id }}
      onFinish={(v) => void start(v)}
      data-testid="import-mapping"
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'file', label: t('import.file'), children: job.fileName },
          { key: 'rows', label: t('import.rows'), children: job.counts.totalRows },
          { key: 'enc', label: t('import.encoding'), children: `${job.format.toUpperCase()}${job.encoding ? ` · ${job.encoding}` : ''}` },
        ]}
      />
      {job.warnings.map((w) => (
        <Alert key={w.code} type="warning" showIcon title={w.message} style={{ marginBottom: 12 }} />
      ))}
      {saved.length > 0 && (
        <Form.Item label={t('import.savedMappings')}>
          <Select
            allowClear
            placeholder={t('import.savedMappings.placeholder')}
            style={{ maxWidth: 360 }}
            defaultValue={upload?.savedMappingId ?? undefined}
            options={saved.map((s) => ({ value: s.id, label: s.name }))}
            onChange={(id: string | undefined) => {
              const s = saved.find((x) => x.id === id);
              if (s) form.setFieldValue('mapping', asForm(s.mapping));
            }}
          />
        </Form.Item>
      )}
      <Table
        rowKey="header"
        size="small"
        pagination={false}
        style={{ marginBottom: 16 }}
        dataSource={job.headers.map((h) => ({ header: h }))}
        columns={[
          { title: t('import.column'), dataIndex: 'header', width: 200, render: (h: string) => <Typography.Text strong>{h}</Typography.Text> },
          {
            title: t('import.sample'),
            key: 'sample',
            render: (_: unknown, r: { header: string }) => {
              const i = headerIndex(r.header);
              const values = (upload?.sampleRows ?? []).map((row) => row[i]).filter(Boolean).slice(0, 3);
              return values.length ? <Typography.Text type="secondary">{values.join(' · ')}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>;
            },
          },
          {
            title: t('import.target'),
            key: 'target',
            width: 260,
            render: (_: unknown, r: { header: string }) => {
              const name = `c${headerIndex(r.header)}`;
              const v = mapping[name];
              return (
                <Form.Item name={['mapping', name]} noStyle>
                  <Select
                    style={{ width: '100%' }}
                    status={v && v !== 'ignore' && dupes.has(v) ? 'error' : undefined}
                    options={options}
                    showSearch={{ optionFilterProp: 'label' }}
                    aria-label={t('import.targetFor', { header: r.header })}
                  />
                </Form.Item>
              );
            },
          },
        ]}
      />
      {missing.length > 0 && <Alert type="error" showIcon title={t('import.missing', { fields: missing.map((k) => t(k)).join(t('common.listSep')) })} style={{ marginBottom: 12 }} />}
      {dupes.size > 0 && <Alert type="error" showIcon title={t('import.duplicateTarget')} style={{ marginBottom: 12 }} />}
      {opening.length > 0 && <Alert type="info" showIcon title={t('import.openingInfo')} description={t('import.openingInfo.detail')} style={{ marginBottom: 12 }} data-testid="import-opening-info" />}
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Form.Item name="dedupe" label={t('import.dedupe')} extra={t('import.dedupe.hint')}>
            <Radio.Group
              options={[
                { value: 'skip', label: t('import.dedupe.skip') },
                { value: 'update', label: t('import.dedupe.update') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={7}>
          <Form.Item name="defaultStoreId" label={t('import.defaultStore')} extra={t('import.defaultStore.hint')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={storeOptions(t, meta.stores)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={7}>
          <Form.Item name="saveMappingAs" label={t('import.saveAs')} rules={[{ max: 40, message: t('members.v.max', { max: 40 }) }]}>
            <Input maxLength={40} placeholder={t('import.saveAs.placeholder')} />
          </Form.Item>
        </Col>
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" loading={starting} disabled={missing.length > 0 || dupes.size > 0} data-testid="import-check">
          {t('import.startCheck')}
        </Button>
        <Button onClick={props.onCancel}>{t('import.cancelJob')}</Button>
      </Space>
    </Form>
  );
}
