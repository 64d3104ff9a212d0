import { Segmented } from 'antd';
import { type Locale, useLocale } from '../../i18n/locale';

/** 中文 | English, switchable at any time; `onChanged` lets a signed-in console save the choice. */
export function LanguageSwitch(props: { onChanged?(locale: Locale): void }) {
  const { locale, setLocale } = useLocale();
  return (
    <Segmented<Locale>
      size="small"
      aria-label="语言 / Language"
      value={locale}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
      onChange={(next) => {
        setLocale(next);
        props.onChanged?.(next);
      }}
    />
  );
}
