// Permission checkboxes grouped the way GET /api/v1/permissions groups them, with "select all"
// per group and sensitive permissions marked. Permissions the editor does not hold cannot be
// granted (the server refuses that too), so they are shown disabled with the reason.
import { Card, Checkbox, Tag, Tooltip, Typography } from 'antd';
import type { PermissionCatalogue } from '../../api/types';
import { useT } from '../i18n';

export interface PermissionPickerProps {
  catalogue: PermissionCatalogue;
  value?: string[];
  onChange?(value: string[]): void;
  /** Codes the editor may grant; undefined: all. */
  grantable?: ReadonlySet<string>;
  disabled?: boolean;
}

export function PermissionPicker({ catalogue, value = [], onChange, grantable, disabled }: PermissionPickerProps) {
  const t = useT();
  const selected = new Set(value);
  const mayGrant = (code: string) => !grantable || grantable.has(code);
  const groups = catalogue.groups
    .map((g) => ({ ...g, items: catalogue.items.filter((i) => i.group === g.key) }))
    .filter((g) => g.items.length > 0);

  const set = (codes: string[], on: boolean) => {
    const next = new Set(selected);
    for (const c of codes) {
      if (on) next.add(c);
      else next.delete(c);
    }
    // Keep the catalogue's order so the saved list reads the same every time.
    onChange?.(catalogue.items.map((i) => i.code).filter((c) => next.has(c)));
  };

  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: 12 }}>
      {groups.map((g) => {
        const editable = g.items.filter((i) => mayGrant(i.code)).map((i) => i.code);
        const count = g.items.filter((i) => selected.has(i.code)).length;
        const allOn = editable.length > 0 && editable.every((c) => selected.has(c));
        return (
          <Card
            key={g.key}
            size="small"
            title={g.label}
            extra={
              <Checkbox
                aria-label={`${t('perm.selectAll')} ${g.label}`}
                checked={allOn}
                indeterminate={!allOn && count > 0}
                disabled={disabled || editable.length === 0}
                onChange={(e) => set(editable, e.target.checked)}
              >
                {t('perm.selectAll')} {count}/{g.items.length}
              </Checkbox>
            }
          >
            {g.items.map((item) => {
              const box = (
                <Checkbox checked={selected.has(item.code)} disabled={disabled || !mayGrant(item.code)} onChange={(e) => set([item.code], e.target.checked)}>
                  {item.label}
                </Checkbox>
              );
              return (
                <div key={item.code} style={{ display: 'flex', alignItems: 'center', gap: 4, padding: '3px 0' }} title={item.code}>
                  {mayGrant(item.code) ? box : <Tooltip title={t('perm.notHeld')}>{box}</Tooltip>}
                  {item.sensitive && (
                    <Tag color="red" variant="outlined" style={{ marginInlineStart: 'auto' }}>
                      {t('perm.sensitive')}
                    </Tag>
                  )}
                </div>
              );
            })}
          </Card>
        );
      })}
    </div>
  );
}

/** Read-only list of a role's permissions, grouped like the picker. */
export function PermissionList({ catalogue, codes }: { catalogue: PermissionCatalogue; codes: string[] }) {
  const t = useT();
  const held = new Set(codes);
  const groups = catalogue.groups
    .map((g) => ({ ...g, items: catalogue.items.filter((i) => i.group === g.key && held.has(i.code)) }))
    .filter((g) => g.items.length > 0);
  if (groups.length === 0) return <Typography.Text type="secondary">{t('perm.none')}</Typography.Text>;
  return (
    <div style={{ display: 'grid', gap: 12 }}>
      {groups.map((g) => (
        <div key={g.key}>
          <Typography.Text strong>{g.label}</Typography.Text>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginTop: 6 }}>
            {g.items.map((i) => (
              <Tag key={i.code} color={i.sensitive ? 'red' : undefined} title={i.code}>
                {i.label}
              </Tag>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
