// Small pieces every member screen shows the same way.
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n';

/** The member's photo (served with the session cookie) or their initial. */
export function MemberAvatar(props: { member: { id: string; name: string; hasPhoto: boolean }; size?: number; version?: number }) {
  const { member, size = 36 } = props;
  if (member.hasPhoto) return <Avatar size={size} src={`/api/v1/members/${member.id}/photo${props.version ? `?v=${props.version}` : ''}`} alt={member.name} />;
  return (
    <Avatar size={size} style={{ background: '#e6f0ff', color: '#1668dc', flex: 'none' }} icon={member.name ? undefined : <UserOutlined />}>
      {member.name.slice(0, 1)}
    </Avatar>
  );
}

/** A mobile as the server gave it; masked ones say why. */
export function MobileText(props: { mobile: string | null; masked: boolean }) {
  const t = useT();
  if (!props.mobile) return <Typography.Text type="secondary">—</Typography.Text>;
  if (!props.masked) return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{props.mobile}</span>;
  return (
    <Tooltip title={t('members.mobile.masked')}>
      <Space size={4} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {props.mobile}
        <LockOutlined style={{ color: '#bfbfbf', fontSize: 12 }} aria-label={t('members.mobile.masked')} />
      </Space>
    </Tooltip>
  );
}

export function TagList(props: { tags: string[]; max?: number }) {
  const max = props.max ?? 4;
  if (props.tags.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {props.tags.slice(0, max).map((tag) => (
        <Tag key={tag} color="blue" style={{ marginInlineEnd: 0 }}>
          {tag}
        </Tag>
      ))}
      {props.tags.length > max && <Tag style={{ marginInlineEnd: 0 }}>+{props.tags.length - max}</Tag>}
    </Space>
  );
}

export function ErasedTag() {
  const t = useT();
  return <Tag color="default">{t('members.erased')}</Tag>;
}

/** A plain list row (antd's List is deprecated in 6.6): title and description, extra on the right. */
export function ListRow(props: { title: ReactNode; description?: ReactNode; extra?: ReactNode; actions?: ReactNode }) {
  return (
    <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start', padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
      <div style={{ flex: 1, minWidth: 0 }}>
        <div>{props.title}</div>
        {props.description && (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {props.description}
          </Typography.Text>
        )}
      </div>
      {props.extra && <div style={{ flex: 'none' }}>{props.extra}</div>}
      {props.actions && <div style={{ flex: 'none' }}>{props.actions}</div>}
    </div>
  );
}
