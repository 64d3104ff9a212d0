// Import members from another system: upload a CSV (UTF-8 ± BOM, GBK …) or XLSX file → map its
// columns (suggested from the headers, or a saved mapping) → a dry run in the background with a
// progress bar and per-row errors (row, column, reason; downloadable) → the import itself, all
// rows or none. Any step can be cancelled; the job id in the address lets the page resume.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import { useLocale } from '../../i18n/locale';
import { useApiError } from '../errors';
import { formatTime } from '../format';
import { type MsgKey, useT } from '../i18n';
import type { ImportJob, UploadedImportJob } from './types';
import { STATUS_COLOR } from './importFields';
import { MappingStep } from './ImportMappingStep';
import { ApplyStep, CheckStep } from './ImportRunSteps';

const MAX_BYTES = 20 * 1024 * 1024;
const POLL_MS = 600;

type Step = 0 | 1 | 2 | 3;

function stepOf(job: ImportJob | null): Step {
  if (!job) return 0;
  if (job.status === 'uploaded') return 1;
  if (job.status === 'validating' || job.status === 'validated') return 2;
  if (job.status === 'failed') return job.isDryRunDone ? 3 : 2;
  return 3;
}

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
