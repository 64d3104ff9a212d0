import type { FormRule } from 'antd';
import type { T } from '../i18n';

/** The server's password policy (≥ 8 characters, letters and digits), checked before sending. */
export function newPasswordRules(t: T): FormRule[] {
  return [
    { required: true, message: t('password.new.required') },
    {
      validator: async (_rule, value: string | undefined) => {
        if (!value) return;
        if (value.length < 8 || !/[A-Za-z]/.test(value) || !/\d/.test(value)) throw new Error(t('password.weak'));
      },
    },
  ];
}

export function confirmPasswordRules(t: T, field = 'newPassword'): FormRule[] {
  return [
    { required: true, message: t('password.confirm.required') },
    ({ getFieldValue }) => ({
      validator: async (_rule, value: string | undefined) => {
        if (value && value !== getFieldValue(field)) throw new Error(t('password.mismatch'));
      },
    }),
  ];
}
