// A coach's availability at the desk's store: the weekly windows (weekday, start–end, slot
// length; saved together, overlaps refused by the server), the coach's level, and date
// exceptions (a day off, some hours off, or extra hours), each added or removed at once.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Drawer, Empty, Form, Input, InputNumber, List, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { useApiError } from '../errors';
import { type MsgKey, useT } from '../i18n';
import type { Availability, Coach } from './types';

type Row = { key: number; weekday: number; startTime: string; endTime: string; slotMinutes: number };
const HHMM = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
let rowSeq = 0;

/** `weekday`: the day the desk is looking at (a new window starts on it). */
export function AvailabilityDrawer(props: { coach: Coach; storeId: string; weekday: number; onClose(): void }) {
  const t = useT();
  const showError = useApiError();
  const { message } = App.useApp();
  const [av, setAv] = useState<Availability | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [level, setLevel] = useState('');
  const [saving, setSaving] = useState(false);
  const [ex, setEx] = useState<{ date: Dayjs | null; kind: 'off' | 'extra'; startTime: string; endTime: string; reason: string }>({ date: null, kind: 'off', startTime: '', endTime: '', reason: '' });

  const load = useCallback(() => {
    call(api.GET('/api/v1/coach-availability/{teacherId}', { params: { path: { teacherId: props.coach.teacherId }, query: { storeId: props.storeId } } })).then((a) => {
      setAv(a);
      setLevel(a.coachLevel ?? '');
      setRows(a.windows.map((w) => ({ key: ++rowSeq, weekday: w.weekday, startTime: w.startTime, endTime: w.endTime, slotMinutes: w.slotMinutes })));
    }, showError);
  }, [props.coach.teacherId, props.storeId, showError]);
  useEffect(load, [load]);

  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((w) => ({ value: w, label: t(`appt.weekday.${w}` as MsgKey) }));
  const setRow = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const badTimes = rows.some((r) => !HHMM.test(r.startTime) || !HHMM.test(r.endTime));

  async function save() {
    if (badTimes) {
      message.warning(t('appt.av.timeFormat'));
      return;
    }
    setSaving(true);
    try {
      const a = await call(
        api.PUT('/api/v1/coach-availability/{teacherId}', {
          params: { path: { teacherId: props.coach.teacherId } },
          body: { storeId: props.storeId, coachLevel: level.trim() || null, windows: rows.map(({ weekday, startTime, endTime, slotMinutes }) => ({ weekday, startTime, endTime, slotMinutes })) },
        }),
      );
      setAv(a);
      message.success(t('appt.av.saved'));
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  }

  async function addException() {
    if (!ex.date) return;
    const timed = ex.kind === 'extra' || ex.startTime || ex.endTime;
    if (timed && (!HHMM.test(ex.startTime) || !HHMM.test(ex.endTime))) {
      message.warning(t('appt.av.timeFormat'));
      return;
    }
    try {
      await call(
        api.POST('/api/v1/coach-availability/{teacherId}/exceptions', {
          params: { path: { teacherId: props.coach.teacherId } },
          body: { storeId: props.storeId, onDate: ex.date.format('YYYY-MM-DD'), kind: ex.kind, ...(timed ? { startTime: ex.startTime, endTime: ex.endTime } : {}), reason: ex.reason.trim() || null },
        }),
      );
      setEx({ date: null, kind: 'off', startTime: '', endTime: '', reason: '' });
      load();
    } catch (err) {
      showError(err);
    }
  }

  async function removeException(id: string) {
    try {
      await call(api.DELETE('/api/v1/coach-availability-exceptions/{exceptionId}', { params: { path: { exceptionId: id } } }));
      load();
    } catch (err) {
      showError(err);
    }
  }

  return (
    <Drawer open width={720} title={t('appt.av.title', { coach: props.coach.name })} onClose={props.onClose} data-testid="availability-drawer">
      {!av ? null : (
        <>
          <Form layout="vertical" onFinish={() => void save()}>
            <Form.Item label={t('appt.av.level')} extra={t('appt.av.levelHelp')}>
              <Input aria-label={t('appt.av.level')} value={level} maxLength={40} onChange={(e) => setLevel(e.target.value)} style={{ width: 200 }} />
            </Form.Item>
            <Typography.Title level={5}>{t('appt.av.weekly')}</Typography.Title>
            {rows.map((r, i) => (
              <Space key={r.key} wrap style={{ marginBottom: 8 }} data-testid={`window-${i}`}>
                <Select aria-label={t('appt.av.weekday')} style={{ width: 90 }} value={r.weekday} onChange={(v) => setRow(r.key, { weekday: v })} options={weekdays} />
                <Input aria-label={t('appt.av.start')} style={{ width: 90 }} placeholder="09:00" value={r.startTime} status={HHMM.test(r.startTime) ? undefined : 'error'} onChange={(e) => setRow(r.key, { startTime: e.target.value })} />
                <span>–</span>
                <Input aria-label={t('appt.av.end')} style={{ width: 90 }} placeholder="12:00" value={r.endTime} status={HHMM.test(r.endTime) ? undefined : 'error'} onChange={(e) => setRow(r.key, { endTime: e.target.value })} />
                <InputNumber aria-label={t('appt.av.slotMinutes')} min={5} max={480} step={15} value={r.slotMinutes} onChange={(v) => setRow(r.key, { slotMinutes: Number(v) || 60 })} addonAfter={t('appt.av.slotMinutes')} style={{ width: 200 }} />
                <Button icon={<DeleteOutlined />} aria-label={t('appt.av.remove')} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} />
              </Space>
            ))}
            <Space style={{ display: 'flex', marginBottom: 24 }}>
              <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...rs, { key: ++rowSeq, weekday: props.weekday, startTime: '09:00', endTime: '12:00', slotMinutes: 60 }])} data-testid="add-window">
                {t('appt.av.addWindow')}
              </Button>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="save-windows">
                {t('appt.av.save')}
              </Button>
            </Space>
          </Form>

          <Typography.Title level={5}>{t('appt.av.exceptions')}</Typography.Title>
          <List
            size="small"
            dataSource={av.exceptions}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('appt.av.noExceptions')} /> }}
            renderItem={(e) => (
              <List.Item actions={[<Button key="rm" size="small" icon={<DeleteOutlined />} aria-label={t('appt.av.remove')} onClick={() => void removeException(e.id)} />]}>
                {e.onDate} · {t(`appt.av.kind.${e.kind}` as MsgKey)} · {e.startTime ? `${e.startTime}–${e.endTime}` : t('appt.av.allDay')}
                {e.reason ? ` · ${e.reason}` : ''}
              </List.Item>
            )}
          />
          <Form layout="inline" onFinish={() => void addException()} style={{ marginTop: 12, rowGap: 8 }}>
            <Form.Item label={t('appt.av.date')}>
              <DatePicker aria-label={t('appt.av.date')} value={ex.date} onChange={(d) => setEx({ ...ex, date: d })} />
            </Form.Item>
            <Form.Item label={t('appt.av.kind')}>
              <Select aria-label={t('appt.av.kind')} style={{ width: 110 }} value={ex.kind} onChange={(k) => setEx({ ...ex, kind: k })} options={(['off', 'extra'] as const).map((k) => ({ value: k, label: t(`appt.av.kind.${k}` as MsgKey) }))} />
            </Form.Item>
            <Form.Item label={t('appt.av.start')}>
              <Input aria-label={t('appt.av.start')} style={{ width: 80 }} placeholder={ex.kind === 'off' ? t('appt.av.allDay') : '18:00'} value={ex.startTime} onChange={(e) => setEx({ ...ex, startTime: e.target.value })} />
            </Form.Item>
            <Form.Item label={t('appt.av.end')}>
              <Input aria-label={t('appt.av.end')} style={{ width: 80 }} value={ex.endTime} onChange={(e) => setEx({ ...ex, endTime: e.target.value })} />
            </Form.Item>
            <Form.Item label={t('appt.av.reason')}>
              <Input aria-label={t('appt.av.reason')} style={{ width: 140 }} value={ex.reason} maxLength={200} onChange={(e) => setEx({ ...ex, reason: e.target.value })} />
            </Form.Item>
            <Button htmlType="submit" icon={<PlusOutlined />} disabled={!ex.date}>
              {t('appt.av.addException')}
            </Button>
          </Form>
        </>
      )}
    </Drawer>
  );
}
