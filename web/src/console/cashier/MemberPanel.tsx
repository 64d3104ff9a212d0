// The member at the counter: found by scanning their QR code (it carries the member number),
// a card number, the mobile's last four digits, a name, pinyin or initials — or a walk-in sale.
import { CloseOutlined, CrownFilled, IdcardOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Skeleton, Space, Tag, Typography } from 'antd';
import type { Ref } from 'react';
import { api, call } from '../../api/client';
import type { MemberHit } from '../../api/retail';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useLocale } from '../../i18n/locale';
import { FinderInput, type FinderHandle } from './FinderInput';
import { Kbd } from './Kbd';
import { discountLabel, yuan } from './money';
import type { MemberInfo } from './useMemberInfo';

const EXACT = new Set(['memberNo', 'cardNo', 'mobile']);

async function searchMembers(q: string): Promise<MemberHit[]> {
  const r = await call(api.GET('/api/v1/members/search', { params: { query: { q, limit: 8 } } }));
  return r.items;
}

export function MemberPanel(props: { member: MemberHit | null; info: MemberInfo; finderRef: Ref<FinderHandle>; onPick(m: MemberHit): void; onClear(): void }) {
  const t = useT();
  const { locale } = useLocale();
  const showError = useApiError();
  const { member, info } = props;

  const finder = (
    <FinderInput<MemberHit>
      handleRef={props.finderRef}
      testId="member-finder"
      size={member ? 'middle' : 'large'}
      prefix={<IdcardOutlined style={{ color: '#8c8c8c' }} />}
      ariaLabel={t('cashier.member.find')}
      placeholder={t('cashier.member.placeholder')}
      emptyText={t('cashier.member.none')}
      itemKey={(m) => m.id}
      search={searchMembers}
      onPick={props.onPick}
      onSubmit={async (q) => {
        try {
          const hits = await searchMembers(q);
          // A scanned QR code or card number is an exact identifier: take it at once.
          if (hits.length === 1 || (hits[0] && EXACT.has(hits[0].matchedBy) && !EXACT.has(hits[1]?.matchedBy ?? ''))) {
            props.onPick(hits[0]);
            return true;
          }
          return hits;
        } catch (err) {
          showError(err);
          return [];
        }
      }}
      renderItem={(m) => (
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
          <span>
            <Typography.Text strong>{m.name}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {m.memberNo}
            </Typography.Text>
          </span>
          <Typography.Text type="secondary">{m.mobile ?? m.cardNo ?? ''}</Typography.Text>
        </div>
      )}
    />
  );

  if (!member) {
    return (
      <div>
        <Space style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text strong>
            <UserOutlined /> {t('cashier.member.title')} <Kbd>F2</Kbd>
          </Typography.Text>
          <Tag data-testid="walk-in">{t('cashier.member.walkIn')}</Tag>
        </Space>
        {finder}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          {t('cashier.member.hint')}
        </Typography.Paragraph>
      </div>
    );
  }

  const level = info.tier?.level ?? null;
  return (
    <div data-testid="member-card">
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 10 }}>
        <Avatar size={44} style={{ background: level ? '#d4a017' : '#1668dc', flex: 'none' }}>
          {member.name.slice(0, 1)}
        </Avatar>
        <div style={{ minWidth: 0, flex: 1 }}>
          <div>
            <Typography.Text strong style={{ fontSize: 17 }}>
              {member.name}
            </Typography.Text>
            {level && (
              <Tag color="gold" icon={<CrownFilled />} style={{ marginInlineStart: 8 }} data-testid="member-tier">
                {level.name}
                {level.discountBp > 0 ? ` · ${discountLabel(level.discountBp, locale)}` : ''}
              </Tag>
            )}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {member.memberNo}
            {member.mobile ? ` · ${member.mobile}` : ''}
          </Typography.Text>
        </div>
        <Button size="small" icon={<CloseOutlined />} onClick={props.onClear} aria-label={t('cashier.member.clear')}>
          <Kbd>F7</Kbd>
        </Button>
      </div>
      {info.loading && !info.storedValue && !info.points ? (
        <Skeleton active paragraph={{ rows: 1 }} title={false} />
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8, marginBottom: 10 }}>
          <Balance label={t('cashier.member.storedValue')} value={info.storedValue ? yuan(info.storedValue.available) : '—'} testId="member-sv" />
          <Balance label={t('cashier.member.points')} value={info.points ? info.points.available.toLocaleString() : '—'} testId="member-points" />
        </div>
      )}
      {finder}
    </div>
  );
}

function Balance(props: { label: string; value: string; testId: string }) {
  return (
    <div style={{ background: '#f6f8fb', borderRadius: 8, padding: '6px 10px' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {props.label}
      </Typography.Text>
      <Typography.Text strong style={{ fontSize: 16 }} data-testid={props.testId}>
        {props.value}
      </Typography.Text>
    </div>
  );
}
