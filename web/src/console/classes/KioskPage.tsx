// The self check-in kiosk: a tablet at a store's entrance, full screen without the console's
// navigation, signed in with a staff account holding course.checkin and locked to the store in
// its address (/kiosk/:storeCode). A member scans their member QR (a keyboard-wedge scanner types
// it fast and presses Enter) or types their mobile's last 4 and picks themselves among masked
// names; their classes starting soon today are checked in through the desk's idempotent check-in
// (a repeat scan says "already checked in", never a second row). Privacy: only masked names are
// listed; a full name is shown only to someone who scanned their own member code. The screen
// resets itself after a few seconds.
import { Button, Input, type InputRef, Result, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError, api, call, newIdempotencyKey } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import { useT } from '../i18n';
import { useSession } from '../session';
import { hm } from './types';

type Lookup = ResponseOf<'/api/v1/class-kiosk/lookup', 'post'>;
type Match = Lookup['matches'][number];
type KioskClass = Match['classes'][number];

type Screen =
  | { kind: 'idle' }
  | { kind: 'pickSelf'; matches: Match[]; byTail: boolean }
  | { kind: 'pickClass'; match: Match; byTail: boolean }
  | { kind: 'done'; name: string; cls: KioskClass; repeat: boolean }
  | { kind: 'problem'; text: string };

const RESULT_MS = 5000;
const PICK_MS = 20000;

export default function KioskPage() {
  const t = useT();
  const { storeCode } = useParams();
  const { me, currentStore, setCurrentStore } = useSession();
  const store = me.stores.find((s) => s.code === storeCode) ?? null;
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [screen, setScreen] = useState<Screen>({ kind: 'idle' });
  const input = useRef<InputRef>(null);

  // Locked to the store of the address: requests carry it as the current store.
  useEffect(() => {
    if (store && currentStore?.id !== store.id) setCurrentStore(store.id);
  }, [store, currentStore, setCurrentStore]);

  // Results reset themselves; the input keeps the focus for the next scan.
  useEffect(() => {
    if (screen.kind === 'idle') return;
    const timer = setTimeout(() => setScreen({ kind: 'idle' }), screen.kind === 'pickSelf' || screen.kind === 'pickClass' ? PICK_MS : RESULT_MS);
    return () => clearTimeout(timer);
  }, [screen]);
  const refocus = useCallback(() => setTimeout(() => input.current?.focus(), 0), []);
  useEffect(() => {
    refocus();
  }, [screen, refocus]);

  async function checkIn(cls: KioskClass, byTail: boolean) {
    const shownName = (name: string | null) => (byTail || !name ? cls.attendeeMaskedName : name);
    if (cls.isCheckedIn) {
      setScreen({ kind: 'done', name: cls.attendeeMaskedName, cls, repeat: true });
      return;
    }
    if (Date.parse(cls.checkInOpensAt) > Date.now()) {
      setScreen({ kind: 'problem', text: t('kiosk.notOpen', { time: hm(cls.checkInOpensAt) }) });
      return;
    }
    const ci = await call(api.POST('/api/v1/class-sessions/{sessionId}/check-ins', { params: { path: { sessionId: cls.sessionId } }, body: { bookingId: cls.bookingId }, headers: { 'Idempotency-Key': newIdempotencyKey() } }));
    setScreen({ kind: 'done', name: shownName(ci.attendeeName), cls, repeat: false });
  }

  async function chooseMatch(match: Match, byTail: boolean) {
    if (!match.classes.length) {
      setScreen({ kind: 'problem', text: t('kiosk.noClass') });
      return;
    }
    const open = match.classes.filter((c) => !c.isCheckedIn);
    if (open.length > 1) {
      setScreen({ kind: 'pickClass', match, byTail });
      return;
    }
    await checkIn(open[0] ?? match.classes[0], byTail);
  }

  async function run(step: () => Promise<void>) {
    setBusy(true);
    try {
      await step();
    } catch (err) {
      const text = err instanceof ApiError && err.code === 'COURSE_CHECKIN_UNKNOWN' ? t('kiosk.unknown') : err instanceof Error ? err.message : String(err);
      setScreen({ kind: 'problem', text });
    } finally {
      setBusy(false);
      refocus();
    }
  }

  async function scan() {
    const text = code.trim();
    setCode('');
    if (!text || !store || busy) return;
    const byTail = /^\d{4}$/.test(text);
    await run(async () => {
      const r = await call(api.POST('/api/v1/class-kiosk/lookup', { body: { storeId: store.id, code: text } }));
      if (r.matches.length > 1) setScreen({ kind: 'pickSelf', matches: r.matches, byTail });
      else await chooseMatch(r.matches[0], byTail);
    });
  }

  if (!store) return <Result status="404" title={t('kiosk.storeMissing', { code: storeCode ?? '' })} />;

  return (
    <div data-testid="kiosk" style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', padding: '48px 24px', background: '#f5f7fa' }}>
      <Typography.Title level={1} style={{ marginBottom: 4 }}>
        {t('kiosk.title')}
      </Typography.Title>
      <Typography.Title level={4} type="secondary" style={{ marginTop: 0 }} data-testid="kiosk-store">
        {store.name}
      </Typography.Title>
      <Typography.Paragraph style={{ fontSize: 20 }}>{t('kiosk.prompt')}</Typography.Paragraph>
      <Input
        ref={input}
        autoFocus
        size="large"
        style={{ maxWidth: 480, fontSize: 28, textAlign: 'center' }}
        aria-label={t('kiosk.input')}
        data-testid="kiosk-input"
        value={code}
        disabled={busy}
        autoComplete="off"
        onChange={(e) => setCode(e.target.value)}
        onPressEnter={() => void scan()}
        onBlur={refocus}
      />
      <div style={{ marginTop: 40, width: '100%', maxWidth: 720 }} data-testid="kiosk-screen">
        {screen.kind === 'pickSelf' && (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <Typography.Title level={3}>{t('kiosk.pickSelf')}</Typography.Title>
            {screen.matches.map((m) => (
              <Button key={m.memberId} size="large" block style={{ height: 72, fontSize: 28 }} onClick={() => void run(() => chooseMatch(m, screen.byTail))}>
                {m.maskedName}
              </Button>
            ))}
          </Space>
        )}
        {screen.kind === 'pickClass' && (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <Typography.Title level={3}>{t('kiosk.pickClass')}</Typography.Title>
            {screen.match.classes
              .filter((c) => !c.isCheckedIn)
              .map((c) => (
                <Button key={c.bookingId} size="large" block style={{ height: 72, fontSize: 24 }} onClick={() => void run(() => checkIn(c, screen.byTail))}>
                  {`${c.attendeeMaskedName} · ${hm(c.startsAt)} ${c.courseName}`}
                </Button>
              ))}
          </Space>
        )}
        {screen.kind === 'done' && (
          <Result
            status="success"
            data-testid="kiosk-result"
            title={<span style={{ fontSize: 40 }}>{`${screen.repeat ? t('kiosk.already') : t('kiosk.done')} ${screen.name}`}</span>}
            subTitle={<span style={{ fontSize: 28 }}>{`${hm(screen.cls.startsAt)} ${screen.cls.courseName}`}</span>}
          />
        )}
        {screen.kind === 'problem' && <Result status="warning" data-testid="kiosk-result" title={<span style={{ fontSize: 28 }}>{screen.text}</span>} extra={<Button onClick={() => setScreen({ kind: 'idle' })}>{t('kiosk.back')}</Button>} />}
      </div>
    </div>
  );
}
