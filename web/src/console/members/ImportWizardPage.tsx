// Import members from another system: upload a CSV (UTF-8 ± BOM, GBK …) or XLSX file → map its
// columns (suggested from the headers, or a saved mapping) → a dry run in the background with a
// progress bar and per-row errors (row, column, reason; downloadable) → the import itself, all
// rows or none. Any step can be cancelled; the job id in the address lets the page resume.
import { CheckCircleOutlined, DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Form, Input, Progress, Radio, Result, Row, Select, Space, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import { useLocale } from '../../i18n/locale';
import { storeOptions } from '../components/org-options';
import { useApiError } from '../errors';
import { formatTime } from '../format';
import { type MsgKey, useT } from '../i18n';
import { useSession } from '../session';
import { fetchFile, saveFile } from './download';
import type { ImportJob, ImportMapping, ImportRowError, UploadedImportJob } from './types';
import { useMemberMeta } from './useMemberMeta';

const MAX_BYTES = 20 * 1024 * 1024;
const POLL_MS = 600;

export const IMPORT_FIELDS: { value: string; label: MsgKey }[] = [
  { value: 'name', label: 'members.field.name' },
  { value: 'mobile', label: 'members.field.mobile' },
  { value: 'gender', label: 'members.field.gender' },
  { value: 'birthday', label: 'members.field.birthday' },
  { value: 'email', label: 'members.field.email' },
  { value: 'address', label: 'members.field.address' },
  { value: 'cardNo', label: 'members.field.cardNo' },
  { value: 'memberNo', label: 'members.field.memberNo' },
  { value: 'homeStore', label: 'members.field.homeStore' },
  { value: 'sourceChannel', label: 'members.field.sourceChannel' },
  { value: 'referrerName', label: 'members.field.referrer' },
  { value: 'tags', label: 'members.field.tags' },
  { value: 'interests', label: 'members.field.interests' },
  { value: 'goals', label: 'members.field.goals' },
  { value: 'notes', label: 'members.field.notes' },
];
const OPENING_FIELDS: { value: string; label: MsgKey }[] = [
  { value: 'openingStoredValue', label: 'import.field.openingStoredValue' },
  { value: 'openingBonusValue', label: 'import.field.openingBonusValue' },
  { value: 'openingPoints', label: 'import.field.openingPoints' },
  { value: 'openingSessions', label: 'import.field.openingSessions' },
  { value: 'openingCardProduct', label: 'import.field.openingCardProduct' },
  { value: 'openingCardExpiry', label: 'import.field.openingCardExpiry' },
];

type Step = 0 | 1 | 2 | 3;

function stepOf(job: ImportJob | null): Step {
  if (!job) return 0;
  if (job.status === 'uploaded') return 1;
  if (job.status === 'validating' || job.status === 'validated') return 2;
  if (job.status === 'failed') return job.isDryRunDone ? 3 : 2;
  return 3;
}

const STATUS_COLOR: Record<ImportJob['status'], string> = {
  uploaded: 'default',
  validating: 'processing',
  validated: 'blue',
  applying: 'processing',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'default',
};

export default function ImportWizardPage() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const showError = useApiError();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [job, setJob] = useState<ImportJob | null>(null);
  const [upload, setUpload] = useState<UploadedImportJob | null>(null);
  const [uploading, setUploading] = useState(false);
  const [remapping, setRemapping] = useState(false);

  const setJobId = useCallback((id: string | null) => setParams(id ? { job: id } : {}, { replace: false }), [setParams]);

  const running = job?.status === 'validating' || job?.status === 'applying';

  // Load (and while it runs, poll) the job in the address.
  useEffect(() => {
    if (!jobId) {
      setJob(null);
      return;
    }
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const j = await call(api.GET('/api/v1/member-imports/{jobId}', { params: { path: { jobId } } }));
        if (!live) return;
        setJob(j);
        if (j.status === 'validating' || j.status === 'applying') timer = setTimeout(() => void poll(), POLL_MS);
      } catch (err) {
        if (live) showError(err);
      }
    };
    void poll();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [jobId, showError, running]);

  async function onFile(file: File) {
    const lower = file.name.toLowerCase();
    if (!lower.endsWith('.csv') && !lower.endsWith('.xlsx') && !lower.endsWith('.txt')) {
      message.error(t('import.upload.type'));
      return;
    }
    if (file.size > MAX_BYTES) {
      message.error(t('import.upload.size'));
      return;
    }
    setUploading(true);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      const r = await call(api.POST('/api/v1/member-imports', { body: body as never }));
      setUpload(r);
      setJob(r);
      setJobId(r.id);
    } catch (err) {
      showError(err);
    } finally {
      setUploading(false);
    }
  }

  async function cancel() {
    if (!job) return;
    try {
      setJob(await call(api.POST('/api/v1/member-imports/{jobId}/cancel', { params: { path: { jobId: job.id } } })));
      message.info(t('import.cancelled'));
    } catch (err) {
      showError(err);
    }
  }

  const step: Step = remapping && job && ['validated', 'failed', 'uploaded'].includes(job.status) ? 1 : stepOf(job);
  const restart = () => {
    setUpload(null);
    setRemapping(false);
    setJobId(null);
  };

  return (
    <Card title={t('nav.memberImport')} extra={<Link to="/members">{t('members.backToList')}</Link>}>
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[{ title: t('import.step.upload') }, { title: t('import.step.mapping') }, { title: t('import.step.check') }, { title: t('import.step.apply') }]}
      />
      {step === 0 && <UploadStep uploading={uploading} onFile={(f) => void onFile(f)} onOpen={(id) => setJobId(id)} />}
      {step === 1 && job && (
        <MappingStep
          job={job}
          upload={upload?.id === job.id ? upload : null}
          onCancel={() => void cancel().then(restart)}
          onStarted={(j) => {
            setRemapping(false);
            setJob(j);
          }}
        />
      )}
      {step === 2 && job && (
        <CheckStep
          job={job}
          locale={locale}
          onCancel={() => void cancel()}
          onRemap={() => setRemapping(true)}
          onRestart={restart}
          onApplied={(j) => setJob(j)}
        />
      )}
      {step === 3 && job && <ApplyStep job={job} onCancel={() => void cancel()} onRestart={restart} onOpenList={() => navigate('/members')} onRemap={() => setRemapping(true)} />}
    </Card>
  );
}

function UploadStep(props: { uploading: boolean; onFile(f: File): void; onOpen(id: string): void }) {
  const t = useT();
  const [jobs, setJobs] = useState<ImportJob[]>([]);
  useEffect(() => {
    let live = true;
    call(api.GET('/api/v1/member-imports', { params: { query: { limit: 10 } } }))
      .then((r) => live && setJobs(r.items))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return (
    <div style={{ display: 'grid', gap: 24 }}>
      <Upload.Dragger
        accept=".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={props.uploading}
        beforeUpload={(f) => {
          props.onFile(f);
          return false;
        }}
        data-testid="import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{props.uploading ? t('import.upload.uploading') : t('import.upload.title')}</p>
        <p className="ant-upload-hint">{t('import.upload.hint')}</p>
      </Upload.Dragger>
      <Alert type="info" showIcon title={t('import.upload.tips')} description={t('import.upload.tipsBody')} />
      {jobs.length > 0 && (
        <div>
          <Typography.Title level={5}>{t('import.recent')}</Typography.Title>
          <Table<ImportJob>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={jobs}
            columns={[
              { title: t('import.file'), dataIndex: 'fileName', ellipsis: true },
              { title: t('common.status'), dataIndex: 'status', width: 120, render: (s: ImportJob['status']) => <Tag color={STATUS_COLOR[s]}>{t(`import.status.${s}` as MsgKey)}</Tag> },
              { title: t('import.rows'), key: 'rows', width: 90, render: (_: unknown, j: ImportJob) => j.counts.totalRows },
              { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
              {
                title: t('common.actions'),
                key: 'open',
                width: 90,
                render: (_: unknown, j: ImportJob) => (
                  <Button size="small" type="link" onClick={() => props.onOpen(j.id)}>
                    {t('common.view')}
                  </Button>
                ),
              },
            ]}
          />
        </div>
      )}
    </div>
  );
}

interface MappingValues {
  mapping: Record<string, string>;
  dedupe: 'skip' | 'update';
  defaultStoreId?: string;
  saveMappingAs?: string;
}

function MappingStep(props: { job: ImportJob; upload: UploadedImportJob | null; onCancel(): void; onStarted(j: ImportJob): void }) {
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

function JobProgress({ job }: { job: ImportJob }) {
  const t = useT();
  const p = job.progress;
  return (
    <div data-testid="import-progress" style={{ maxWidth: 640, margin: '16px 0' }}>
      <Progress percent={p?.percent ?? 0} status="active" />
      <Typography.Text type="secondary">
        {p ? t(`import.phase.${p.phase}` as MsgKey, { processed: p.processed, total: p.total }) : t('import.phase.waiting')}
        {job.isCancelRequested ? ` · ${t('import.cancelling')}` : ''}
      </Typography.Text>
    </div>
  );
}

function Counts({ job, done }: { job: ImportJob; done?: boolean }) {
  const t = useT();
  const c = job.counts;
  return (
    <Row gutter={16} style={{ marginBottom: 16 }} data-testid="import-counts">
      <Col xs={12} md={4}>
        <Statistic title={t('import.count.total')} value={c.totalRows} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title={t('import.count.valid')} value={c.validRows} styles={{ content: { color: '#389e0d' } }} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title={t('import.count.errors')} value={c.errorRows} styles={{ content: { color: c.errorRows ? '#cf1322' : undefined } }} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title={done ? t('import.count.inserted') : t('import.count.insert')} value={c.insert} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title={done ? t('import.count.updated') : t('import.count.update')} value={c.update} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title={done ? t('import.count.skipped') : t('import.count.skip')} value={c.skip} />
      </Col>
    </Row>
  );
}

function ErrorReport({ job, locale }: { job: ImportJob; locale: 'zh-CN' | 'en' }) {
  const t = useT();
  const showError = useApiError();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState(0);
  const [data, setData] = useState<{ items: ImportRowError[]; nextCursor: string | null }>({ items: [], nextCursor: null });
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    setLoading(true);
    const cursor = cursors[page];
    call(api.GET('/api/v1/member-imports/{jobId}/errors', { params: { path: { jobId: job.id }, query: { limit: 20, ...(cursor ? { cursor } : {}) } } }))
      .then((r) => live && setData(r))
      .catch((err) => live && showError(err))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [job.id, job.updatedAt, page, cursors, showError]);

  async function download() {
    try {
      saveFile(await fetchFile(`/api/v1/member-imports/${job.id}/errors.csv`, { locale, fallbackName: 'import-errors.csv' }));
    } catch (err) {
      showError(err);
    }
  }

  return (
    <div data-testid="import-errors">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('import.errors.title', { count: job.counts.errorRows })}
        </Typography.Title>
        <Button icon={<DownloadOutlined />} onClick={() => void download()} data-testid="import-errors-download">
          {t('import.errors.download')}
        </Button>
      </div>
      <Table<ImportRowError>
        rowKey={(r) => `${r.row}-${r.column}-${r.code}`}
        size="small"
        loading={loading}
        dataSource={data.items}
        pagination={false}
        columns={[
          { title: t('import.errors.row'), dataIndex: 'row', width: 90 },
          { title: t('import.errors.column'), dataIndex: 'column', width: 180, render: (v: string | null) => v ?? '—' },
          { title: t('import.errors.reason'), dataIndex: 'message' },
        ]}
      />
      {(page > 0 || data.nextCursor) && (
        <Space style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 8 }}>
          <Button size="small" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
            {t('pager.prev')}
          </Button>
          <Button
            size="small"
            disabled={!data.nextCursor}
            onClick={() => {
              const next = data.nextCursor!;
              setCursors((c) => [...c.slice(0, page + 1), next]);
              setPage((p) => p + 1);
            }}
          >
            {t('pager.next')}
          </Button>
        </Space>
      )}
    </div>
  );
}

function CheckStep(props: { job: ImportJob; locale: 'zh-CN' | 'en'; onCancel(): void; onRemap(): void; onRestart(): void; onApplied(j: ImportJob): void }) {
  const t = useT();
  const showError = useApiError();
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [applying, setApplying] = useState(false);
  const { job } = props;

  if (job.status === 'validating') {
    return (
      <div>
        <Typography.Title level={5}>{t('import.checking')}</Typography.Title>
        <JobProgress job={job} />
        <Button onClick={props.onCancel} disabled={job.isCancelRequested}>
          {t('import.cancelJob')}
        </Button>
      </div>
    );
  }
  if (job.status === 'failed') {
    return (
      <Result
        status="error"
        title={t('import.checkFailed')}
        subTitle={job.failure?.message}
        extra={[
          <Button key="remap" type="primary" onClick={props.onRemap}>
            {t('import.remap')}
          </Button>,
          <Button key="restart" onClick={props.onRestart}>
            {t('import.another')}
          </Button>,
        ]}
      />
    );
  }

  async function apply() {
    setApplying(true);
    try {
      props.onApplied(await call(api.POST('/api/v1/member-imports/{jobId}/apply', { params: { path: { jobId: job.id } }, body: { skipInvalidRows: skipInvalid } })));
    } catch (err) {
      showError(err);
    } finally {
      setApplying(false);
    }
  }

  const errors = job.counts.errorRows;
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Alert
        type={errors ? 'warning' : 'success'}
        showIcon
        title={errors ? t('import.checked.errors', { count: errors }) : t('import.checked.ok')}
        description={t('import.checked.nothingWritten')}
        data-testid="import-check-result"
      />
      <Counts job={job} />
      {errors > 0 && <ErrorReport job={job} locale={props.locale} />}
      {errors > 0 && (
        <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} data-testid="import-skip-invalid">
          {t('import.skipInvalid', { valid: job.counts.validRows, errors })}
        </Checkbox>
      )}
      <Space wrap>
        <Button type="primary" onClick={() => void apply()} loading={applying} disabled={(errors > 0 && !skipInvalid) || job.counts.validRows === 0} data-testid="import-apply">
          {t('import.apply', { count: job.counts.insert + job.counts.update })}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={props.onRemap}>
          {t('import.remap')}
        </Button>
        <Button onClick={props.onCancel}>{t('import.cancelJob')}</Button>
      </Space>
    </div>
  );
}

function ApplyStep(props: { job: ImportJob; onCancel(): void; onRestart(): void; onOpenList(): void; onRemap(): void }) {
  const t = useT();
  const { job } = props;
  if (job.status === 'applying') {
    return (
      <div>
        <Typography.Title level={5}>{t('import.applying')}</Typography.Title>
        <JobProgress job={job} />
        <Button onClick={props.onCancel} disabled={job.isCancelRequested}>
          {t('import.cancelJob')}
        </Button>
      </div>
    );
  }
  if (job.status === 'succeeded') {
    return (
      <Result
        status="success"
        icon={<CheckCircleOutlined />}
        title={t('import.succeeded')}
        subTitle={[t('import.succeeded.detail', { inserted: job.counts.insert, updated: job.counts.update, skipped: job.counts.skip }), ...(job.counts.errorRows ? [t('import.succeeded.invalid', { count: job.counts.errorRows })] : [])].join(t('members.sep'))}
        extra={[
          <Button key="list" type="primary" onClick={props.onOpenList}>
            {t('import.toList')}
          </Button>,
          <Button key="again" onClick={props.onRestart}>
            {t('import.another')}
          </Button>,
        ]}
      />
    );
  }
  if (job.status === 'cancelled') {
    return (
      <Result
        status="info"
        title={t('import.wasCancelled')}
        subTitle={t('import.wasCancelled.detail')}
        extra={
          <Button type="primary" onClick={props.onRestart}>
            {t('import.another')}
          </Button>
        }
      />
    );
  }
  return (
    <Result
      status="error"
      title={t('import.failed')}
      subTitle={job.failure?.message}
      extra={[
        <Button key="remap" type="primary" onClick={props.onRemap}>
          {t('import.checkAgain')}
        </Button>,
        <Button key="again" onClick={props.onRestart}>
          {t('import.another')}
        </Button>,
      ]}
    />
  );
}
