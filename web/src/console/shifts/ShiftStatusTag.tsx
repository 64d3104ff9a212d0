import { Tag } from 'antd';
import type { Shift } from '../../api/retail';
import { useT } from '../i18n';

const COLOR = { open: 'green', closed: 'orange', confirmed: 'blue' } as const;

export function ShiftStatusTag({ status }: { status: Shift['status'] }) {
  const t = useT();
  return <Tag color={COLOR[status]}>{t(`shift.status.${status}`)}</Tag>;
}
