// An amount field in yuan that holds integer fen: typing "12.5" gives 1250, nothing else is
// accepted (no floats, at most two decimals). Works as an antd form control (value/onChange).
import { Input, type InputProps, type InputRef } from 'antd';
import { forwardRef, useEffect, useState } from 'react';
import { parseYuan, yuanPlain } from './money';

export interface MoneyInputProps extends Omit<InputProps, 'value' | 'onChange'> {
  value?: number | null;
  onChange?(fen: number | null): void;
  /** Allow amounts below zero (signed adjustments). */
  allowNegative?: boolean;
}

export const MoneyInput = forwardRef<InputRef, MoneyInputProps>(function MoneyInput({ value, onChange, allowNegative, ...rest }, ref) {
  const [text, setText] = useState(() => (value === null || value === undefined ? '' : yuanPlain(value)));
  useEffect(() => {
    // Follow a value set from outside (a quick-cash button, a form reset), not our own typing.
    const current = parseYuan(text);
    if ((value ?? null) !== current) setText(value === null || value === undefined ? '' : yuanPlain(value));
    // Only when the value changes.
  }, [value]);
  return (
    <Input
      ref={ref}
      inputMode="decimal"
      autoComplete="off"
      prefix="¥"
      {...rest}
      value={text}
      onChange={(e) => {
        const next = e.target.value;
        const cleaned = allowNegative ? next : next.replace('-', '');
        const bare = cleaned.replace(/[¥￥\s]/g, '');
        // Digits, one point and at most two decimals: anything else is not typed at all.
        if (bare !== '' && !/^-?[\d,]*(\.\d{0,2})?$/.test(bare)) return;
        setText(cleaned);
        onChange?.(cleaned.trim() === '' ? null : parseYuan(cleaned));
      }}
    />
  );
});
