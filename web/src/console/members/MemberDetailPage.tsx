// One member: who they are at a glance (photo, number, mobile, store, tags) and the tabs of
// memberTabs.tsx — profile, family, health & ID, interactions, timeline, and whatever later
// features add. The open tab is in the address (?tab=) so a link can point at it.
import { ArrowLeftOutlined, EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Result, Space, Spin, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, api, call } from '../../api/client';
import { useLocale } from '../../i18n/locale';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';
import { PrivacyActions } from './PrivacyActions';
import { ErasedTag, MemberAvatar, MobileText, TagList } from './bits';
import { ageOn, formatLunar, genderLabel } from './format';
import { MEMBER_TABS } from './memberTabs';
import { printMemberCard } from './print';
import type { Member } from './types';
import { useMemberMeta } from './useMemberMeta';

export default function MemberDetailPage() {
  const t = useT();
  const { locale } = useLocale();
  const { memberId = '' } = useParams();
  const { can } = useSession();
  const navigate = useNavigate();
  const showError = useApiError();
  const meta = useMemberMeta();
  const [params, setParams] = useSearchParams();
  const [member, setMember] = useState<Member | null>(null);
  const [missing, setMissing] = useState(false);
  const [tick, setTick] = useState(0);

  const reload = useCallback(() => setTick((x) => x + 1), []);

  useEffect(() => {
    let live = true;
    call(api.GET('/api/v1/members/{memberId}', { params: { path: { memberId } } }))
      .then((m) => live && setMember(m))
      .catch((err) => {
        if (!live) return;
        if (err instanceof ApiError && (err.status === 404 || err.status === 400)) setMissing(true);
        else showError(err);
      });
    return () => {
      live = false;
    };
  }, [memberId, tick, showError]);

  const tabs = useMemo(() => MEMBER_TABS.filter((tab) => can(tab.permission)), [can]);
  const tabKey = tabs.some((x) => x.key === params.get('tab')) ? params.get('tab')! : (tabs[0]?.key ?? 'profile');

  if (missing) {
    return (
      <Result
        status="404"
        title={t('members.notFound')}
        extra={
          <Link to="/members">
            <Button type="primary">{t('members.backToList')}</Button>
          </Link>
        }
      />
    );
  }
  if (!member) return <Spin style={{ display: 'block', margin: 48 }} />;
  const m = member;
  const ctx = { reload };

  const birthday = m.birthday
    ? m.birthdayCalendar === 'lunar' && m.lunarBirthday
      ? `${formatLunar(t, m.lunarBirthday, locale)}(${m.birthday})`
      : m.birthday
    : '—';

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Card>
        <div style={{ display: 'flex', gap: 20, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <MemberAvatar member={m} size={72} version={tick} />
          <div style={{ flex: '1 1 420px', minWidth: 0 }}>
            <Space size={8} wrap align="center">
              <Button type="text" size="small" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('members.back')} />
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="member-name">
                {m.name}
              </Typography.Title>
              <Typography.Text type="secondary" copyable={{ text: m.memberNo }} data-testid="member-no">
                {m.memberNo}
              </Typography.Text>
              {m.erasedAt && <ErasedTag />}
            </Space>
            {m.tags.length > 0 && (
              <div style={{ marginTop: 8 }}>
                <TagList tags={m.tags} max={10} />
              </div>
            )}
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, lg: 4 }}
              style={{ marginTop: 12 }}
              items={[
                { key: 'mobile', label: t('members.field.mobile'), children: <MobileText mobile={m.mobile} masked={m.isMobileMasked} /> },
                { key: 'store', label: t('members.field.homeStore'), children: meta.storeName(m.homeStoreId) },
                { key: 'gender', label: t('members.list.genderAge'), children: [m.gender ? genderLabel(t, m.gender) : null, m.birthday ? t('members.age.years', { years: ageOn(m.birthday) }) : null].filter(Boolean).join(' · ') || '—' },
                { key: 'birthday', label: t('members.field.birthday'), children: birthday },
                { key: 'card', label: t('members.field.cardNo'), children: m.cardNo ?? '—' },
                { key: 'source', label: t('members.field.sourceChannel'), children: m.sourceChannel ?? '—' },
              ]}
            />
          </div>
          <Space wrap>
            {can('member.write') && !m.erasedAt && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/members/${m.id}/edit`)} data-testid="member-edit">
                {t('common.edit')}
              </Button>
            )}
            {!m.erasedAt && (
              <Button icon={<PrinterOutlined />} onClick={() => printMemberCard(m)}>
                {t('members.card.print')}
              </Button>
            )}
            <PrivacyActions member={m} onErased={setMember} />
          </Space>
        </div>
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tabKey}
          onChange={(key) =>
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                next.set('tab', key);
                return next;
              },
              { replace: true },
            )
          }
          items={tabs.map((tab) => ({ key: tab.key, label: t(tab.label), children: tab.render(m, ctx) }))}
          destroyOnHidden
        />
      </Card>
    </div>
  );
}
