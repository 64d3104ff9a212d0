// A member's privacy rights (PIPL): a copy of everything held about them (JSON for systems, a
// readable page to hand over or print) and erasure — personal data anonymised, the member
// number, financial records and the audit log kept. Both are audit-logged by the server.
import { DeleteOutlined, DownOutlined, ExportOutlined, FileTextOutlined } from '@ant-design/icons';
import { Alert, App, Button, Dropdown, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { useLocale } from '../../i18n/locale';
import { EnterSubmits } from '../components/EnterSubmits';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';
import { fetchFile, saveFile } from './download';
import type { Member } from './types';

export function PrivacyActions(props: { member: Member; onErased(m: Member): void }) {
  const t = useT();
  const { can } = useSession();
  const { locale } = useLocale();
  const showError = useApiError();
  const { message } = App.useApp();
  const [erasing, setErasing] = useState(false);
  const m = props.member;
  const canExport = can('member.export');
  const canErase = can('member.erase') && !m.erasedAt;
  if (!canExport && !canErase) return null;

  async function exportData(format: 'json' | 'html') {
    try {
      const file = await fetchFile(`/api/v1/members/${m.id}/data-export?format=${format}`, { locale, fallbackName: `${m.memberNo}.${format}` });
      if (format === 'html') {
        // The readable page opens for reading or printing; the file is saved as well.
        const url = URL.createObjectURL(file.blob);
        window.open(url, '_blank', 'noopener');
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }
      saveFile(file);
      message.success(t('members.privacy.exported'));
    } catch (err) {
      showError(err);
    }
  }

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            ...(canExport
              ? [
                  { key: 'html', icon: <FileTextOutlined />, label: t('members.privacy.exportHtml') },
                  { key: 'json', icon: <ExportOutlined />, label: t('members.privacy.exportJson') },
                ]
              : []),
            ...(canExport && canErase ? [{ type: 'divider' as const }] : []),
            ...(canErase ? [{ key: 'erase', icon: <DeleteOutlined />, danger: true, label: t('members.privacy.erase') }] : []),
          ],
          onClick: ({ key }) => {
            if (key === 'erase') setErasing(true);
            else void exportData(key as 'json' | 'html');
          },
        }}
      >
        <Button data-testid="privacy-menu">
          {t('members.privacy.menu')} <DownOutlined />
        </Button>
      </Dropdown>
      {erasing && <EraseDialog member={m} onClose={() => setErasing(false)} onErased={(x) => {
        setErasing(false);
        props.onErased(x);
      }} />}
    </>
  );
}

/** Erasure asks for the reason and for the member number typed back: it cannot be undone. */
function EraseDialog(props: { member: Member; onClose(): void; onErased(m: Member): void }) {
  const t = useT();
  const showError = useApiError();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string; confirm: string }>();
  const [saving, setSaving] = useState(false);
  const confirm = Form.useWatch('confirm', form);
  const m = props.member;

  async function erase(v: { reason: string }) {
    setSaving(true);
    try {
      const erased = await call(api.POST('/api/v1/members/{memberId}/erase', { params: { path: { memberId: m.id } }, body: { reason: v.reason.trim() } }));
      message.success(t('members.privacy.erased', { memberNo: m.memberNo }));
      props.onErased(erased);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t('members.privacy.eraseTitle', { name: m.name })}
      okText={t('members.privacy.eraseConfirm')}
      okButtonProps={{ danger: true, disabled: (confirm ?? '').trim().toUpperCase() !== m.memberNo.toUpperCase() }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('members.privacy.eraseWarning')} description={t('members.privacy.eraseKeeps')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={(v) => void erase(v)}>
        <Form.Item name="reason" label={t('members.privacy.eraseReason')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 200 }]}>
          <Input autoFocus maxLength={200} placeholder={t('members.privacy.eraseReason.placeholder')} />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={
            <span>
              {t('members.privacy.eraseType')} <Typography.Text code>{m.memberNo}</Typography.Text>
            </span>
          }
          rules={[
            {
              validator: (_, v: string | undefined) =>
                (v ?? '').trim().toUpperCase() === m.memberNo.toUpperCase() ? Promise.resolve() : Promise.reject(new Error(t('members.privacy.eraseTypeMismatch'))),
            },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
