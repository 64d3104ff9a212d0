import { ExclamationCircleFilled } from '@ant-design/icons';
import { Alert, Button, Modal, Typography } from 'antd';
import { useT } from '../i18n';

/**
 * A password or token the server shows exactly once. It is displayed large, copyable, with a
 * clear warning, and the dialog only closes through the "I have noted it" button.
 */
export function OneTimeSecret(props: { open: boolean; title: string; secret: string | null; hint?: string; onClose(): void }) {
  const t = useT();
  return (
    <Modal
      open={props.open}
      title={props.title}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" autoFocus onClick={props.onClose}>
          {t('secret.done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon icon={<ExclamationCircleFilled />} title={props.hint ?? t('secret.once')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        data-testid="one-time-secret"
        copyable={{ text: props.secret ?? '', tooltips: [t('common.copy'), t('common.copied')] }}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 20, wordBreak: 'break-all', background: '#f5f5f5', padding: '12px 16px', borderRadius: 6 }}
      >
        {props.secret}
      </Typography.Paragraph>
    </Modal>
  );
}
