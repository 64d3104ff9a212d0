// Profile: everything on the member's record, their custom fields, the photo (upload / remove),
// the QR code the desk scanner reads and the printable membership card the server draws.
import { CameraOutlined, DeleteOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Col, Descriptions, Image, Popconfirm, Row, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, call } from '../../../api/client';
import { useLocale } from '../../../i18n/locale';
import { useApiError } from '../../errors';
import { formatTime } from '../../format';
import { useT } from '../../i18n';
import { useSession } from '../../session';
import { MemberAvatar, MobileText } from '../bits';
import type { MemberTabContext } from '../memberTabs';
import { printMemberCard } from '../print';
import type { CustomField, Member } from '../types';
import { useMemberMeta } from '../useMemberMeta';

const PHOTO_MAX = 2 * 1024 * 1024;

function customValue(d: CustomField, v: string | number | null | undefined, locale: string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (d.type === 'choice') {
    const o = d.options.find((x) => x.value === v);
    return o ? (locale === 'en' ? o.labelEn : o.labelZh) : String(v);
  }
  return String(v);
}

export default function ProfileTab({ member: m, ctx }: { member: Member; ctx: MemberTabContext }) {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useSession();
  const showError = useApiError();
  const { message } = App.useApp();
  const meta = useMemberMeta();
  const [uploading, setUploading] = useState(false);
  const [photoVersion, setPhotoVersion] = useState(0);
  const writable = can('member.write') && !m.erasedAt;
  const text = (v: string | null | undefined) => v || '—';

  async function upload(file: File) {
    if (!['image/jpeg', 'image/png', 'image/webp'].includes(file.type)) {
      message.error(t('members.photo.type'));
      return;
    }
    if (file.size > PHOTO_MAX) {
      message.error(t('members.photo.size'));
      return;
    }
    setUploading(true);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      await call(api.PUT('/api/v1/members/{memberId}/photo', { params: { path: { memberId: m.id } }, body: body as never }));
      message.success(t('members.photo.saved'));
      setPhotoVersion(Date.now());
      ctx.reload();
    } catch (err) {
      showError(err);
    } finally {
      setUploading(false);
    }
  }

  async function removePhoto() {
    try {
      await call(api.DELETE('/api/v1/members/{memberId}/photo', { params: { path: { memberId: m.id } } }));
      message.success(t('members.photo.removed'));
      ctx.reload();
    } catch (err) {
      showError(err);
    }
  }

  const fields = meta.fields.filter((d) => d.isActive || m.customFields[d.key] !== undefined);

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={16}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          styles={{ label: { width: 120 } }}
          items={[
            { key: 'name', label: t('members.field.name'), children: m.name },
            { key: 'pinyin', label: t('members.field.pinyin'), children: `${m.namePinyin} (${m.nameInitials})` },
            { key: 'mobile', label: t('members.field.mobile'), children: <MobileText mobile={m.mobile} masked={m.isMobileMasked} /> },
            { key: 'email', label: t('members.field.email'), children: text(m.email) },
            { key: 'address', label: t('members.field.address'), span: 'filled' as const, children: text(m.address) },
            { key: 'cardNo', label: t('members.field.cardNo'), children: text(m.cardNo) },
            { key: 'store', label: t('members.field.homeStore'), children: meta.storeName(m.homeStoreId) },
            { key: 'source', label: t('members.field.sourceChannel'), children: text(m.sourceChannel) },
            {
              key: 'referrer',
              label: t('members.field.referrer'),
              children: m.referrerMemberId ? <Link to={`/members/${m.referrerMemberId}`}>{m.referrerName ?? t('members.referrer.member')}</Link> : text(m.referrerName),
            },
            { key: 'interests', label: t('members.field.interests'), span: 'filled' as const, children: m.interests.length ? m.interests.join(t('common.listSep')) : '—' },
            { key: 'goals', label: t('members.field.goals'), span: 'filled' as const, children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{text(m.goals)}</Typography.Paragraph> },
            { key: 'notes', label: t('members.field.notes'), span: 'filled' as const, children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{text(m.notes)}</Typography.Paragraph> },
            {
              key: 'emergency',
              label: t('members.field.emergency'),
              span: 'filled' as const,
              children: m.emergencyContact
                ? [m.emergencyContact.name, m.emergencyContact.relation, m.emergencyContact.mobile].filter(Boolean).join(' · ')
                : '—',
            },
            ...fields.map((d) => ({ key: `cf-${d.key}`, label: locale === 'en' ? d.labelEn : d.labelZh, children: customValue(d, m.customFields[d.key], locale) })),
            { key: 'origin', label: t('members.field.origin'), children: t(m.origin === 'import' ? 'members.origin.import' : m.origin === 'lead' ? 'members.origin.lead' : 'members.origin.desk') },
            { key: 'created', label: t('members.list.joined'), children: formatTime(m.createdAt) },
            { key: 'updated', label: t('members.field.updatedAt'), children: formatTime(m.updatedAt) },
          ]}
        />
      </Col>
      <Col xs={24} xl={8}>
        <div style={{ display: 'grid', gap: 20 }}>
          <section>
            <Typography.Title level={5}>{t('members.photo.title')}</Typography.Title>
            <Space align="center" size={16}>
              {m.hasPhoto ? (
                <Image width={96} height={96} style={{ objectFit: 'cover', borderRadius: 8 }} src={`/api/v1/members/${m.id}/photo?v=${photoVersion}`} alt={m.name} />
              ) : (
                <MemberAvatar member={m} size={96} />
              )}
              {writable && (
                <Space orientation="vertical">
                  <Upload accept="image/jpeg,image/png,image/webp" showUploadList={false} beforeUpload={(f) => (void upload(f), false)}>
                    <Button icon={<CameraOutlined />} loading={uploading}>
                      {m.hasPhoto ? t('members.photo.replace') : t('members.photo.upload')}
                    </Button>
                  </Upload>
                  {m.hasPhoto && (
                    <Popconfirm title={t('members.photo.removeConfirm')} onConfirm={() => removePhoto()}>
                      <Button danger type="text" icon={<DeleteOutlined />}>
                        {t('members.photo.remove')}
                      </Button>
                    </Popconfirm>
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('members.photo.hint')}
                  </Typography.Text>
                </Space>
              )}
            </Space>
          </section>
          {!m.erasedAt && (
            <section>
              <Typography.Title level={5}>{t('members.card.title')}</Typography.Title>
              <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
                <img src={`/api/v1/members/${m.id}/qr?size=256`} alt={t('members.card.qr')} width={112} height={112} style={{ border: '1px solid #f0f0f0', borderRadius: 6 }} data-testid="member-qr" />
                <img
                  src={`/api/v1/members/${m.id}/card`}
                  alt={t('members.card.image')}
                  style={{ width: 242, maxWidth: '100%', aspectRatio: '85.6 / 54', borderRadius: 10, boxShadow: '0 2px 8px rgba(0,0,0,0.12)' }}
                  data-testid="member-card"
                />
              </div>
              <Space style={{ marginTop: 12 }}>
                <Button icon={<PrinterOutlined />} onClick={() => printMemberCard(m)}>
                  {t('members.card.print')}
                </Button>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('members.card.hint')}
                </Typography.Text>
              </Space>
            </section>
          )}
        </div>
      </Col>
    </Row>
  );
}
