// The import wizard's dry-run and apply steps: progress, counts and the per-row error report.
import { CheckCircleOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Col, Progress, Result, Row, Space, Statistic, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { useApiError } from '../errors';
import { type MsgKey, useT } from '../i18n';
import { fetchFile, saveFile } from './download';
import type { ImportJob, ImportRowError } from './types';

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

export function CheckStep(props: { job: ImportJob; locale: 'zh-CN' | 'en'; onCancel(): void; onRemap(): void; onRestart(): void; onApplied(j: ImportJob): void }) {
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

export function ApplyStep(props: { job: ImportJob; onCancel(): void; onRestart(): void; onOpenList(): void; onRemap(): void }) {
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
