// Export of the filtered member list: the server streams CSV or XLSX; the dialog counts the
// rows first and shows how far the download is (rows for CSV, bytes for XLSX), can be
// cancelled, and saves the file under the server's name.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Progress, Radio, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, call } from '../../api/client';
import { useLocale } from '../../i18n/locale';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { csvRecordCounter, fetchFile, saveFile, toQueryString } from './download';

type Phase = { kind: 'choose' } | { kind: 'running'; total: number | null; rows: number; bytes: number } | { kind: 'done'; rows: number; filename: string };

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function ExportDialog(props: { open: boolean; params: Record<string, string | number | string[] | undefined>; masked: boolean; onClose(): void }) {
  const t = useT();
  const { locale } = useLocale();
  const showError = useApiError();
  const [format, setFormat] = useState<'csv' | 'xlsx'>('xlsx');
  const [phase, setPhase] = useState<Phase>({ kind: 'choose' });
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    if (props.open) setPhase({ kind: 'choose' });
    return () => abort.current?.abort();
  }, [props.open]);

  async function run() {
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'running', total: null, rows: 0, bytes: 0 });
    try {
      const { count } = await call(api.GET('/api/v1/members/count', { params: { query: props.params as never } }));
      setPhase({ kind: 'running', total: count, rows: 0, bytes: 0 });
      const countRecords = csvRecordCounter();
      let rows = 0;
      const file = await fetchFile(`/api/v1/members/export${toQueryString({ ...props.params, format })}`, {
        locale,
        signal: controller.signal,
        fallbackName: `members.${format}`,
        onChunk: (chunk, bytes) => {
          // The first CSV record is the header row.
          if (format === 'csv') rows = Math.max(0, countRecords(chunk) - 1);
          setPhase({ kind: 'running', total: count, rows, bytes });
        },
      });
      saveFile(file);
      setPhase({ kind: 'done', rows: count, filename: file.filename });
    } catch (err) {
      if ((err as Error).name === 'AbortError') {
        setPhase({ kind: 'choose' });
        return;
      }
      setPhase({ kind: 'choose' });
      showError(err);
    } finally {
      abort.current = null;
    }
  }

  const running = phase.kind === 'running';
  const percent = running && phase.total ? Math.min(99, Math.round((phase.rows / phase.total) * 100)) : 0;

  return (
    <Modal
      open={props.open}
      title={t('members.export.title')}
      onCancel={() => {
        abort.current?.abort();
        props.onClose();
      }}
      mask={{ closable: !running }}
      destroyOnHidden
      footer={
        phase.kind === 'choose' ? (
          <Space>
            <Button onClick={props.onClose}>{t('common.cancel')}</Button>
            <Button type="primary" icon={<DownloadOutlined />} onClick={() => void run()} autoFocus data-testid="export-start">
              {t('members.export.start')}
            </Button>
          </Space>
        ) : phase.kind === 'running' ? (
          <Button danger onClick={() => abort.current?.abort()}>
            {t('members.export.cancel')}
          </Button>
        ) : (
          <Button type="primary" onClick={props.onClose} autoFocus>
            {t('members.export.close')}
          </Button>
        )
      }
    >
      {phase.kind === 'choose' && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Text>{t('members.export.intro')}</Typography.Text>
          <Radio.Group value={format} onChange={(e) => setFormat(e.target.value)} optionType="button" options={[
            { value: 'xlsx', label: t('members.export.xlsx') },
            { value: 'csv', label: t('members.export.csv') },
          ]} />
          {props.masked && <Alert type="info" showIcon title={t('members.export.masked')} />}
        </Space>
      )}
      {phase.kind === 'running' && (
        <div data-testid="export-progress">
          {format === 'csv' && phase.total !== null ? (
            <Progress percent={percent} status="active" />
          ) : (
            <Progress percent={100} status="active" showInfo={false} />
          )}
          <Typography.Text type="secondary">
            {phase.total === null
              ? t('members.export.counting')
              : format === 'csv'
                ? t('members.export.rows', { rows: phase.rows, total: phase.total })
                : t('members.export.bytes', { bytes: formatBytes(phase.bytes), total: phase.total })}
          </Typography.Text>
        </div>
      )}
      {phase.kind === 'done' && <Alert type="success" showIcon title={t('members.export.done', { rows: phase.rows })} description={phase.filename} />}
    </Modal>
  );
}
