// The server's printable pages (receipts, shift reports, the daily report) framed in the
// console and printed from the browser: the frame is same-origin, so its window prints exactly
// the page the server laid out for 58 mm / 80 mm thermal paper or A4.
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Segmented, Space, Spin } from 'antd';
import { type Ref, useImperativeHandle, useRef, useState } from 'react';
import { useT } from '../i18n';

export type PaperWidth = '58mm' | '80mm' | 'a4';
const KEY = 'tessera.receipt.width';

export function rememberedWidth(fallback: PaperWidth = '80mm'): PaperWidth {
  try {
    const v = window.localStorage.getItem(KEY);
    if (v === '58mm' || v === '80mm' || v === 'a4') return v;
  } catch {
    // storage disabled: the default
  }
  return fallback;
}

export function rememberWidth(w: PaperWidth): void {
  try {
    window.localStorage.setItem(KEY, w);
  } catch {
    // not remembered
  }
}

export interface PrintFrameHandle {
  print(): void;
}

/** Screen width of a paper width, in CSS pixels (96 dpi) plus the page margins. */
const FRAME_WIDTH: Record<PaperWidth, number> = { '58mm': 250, '80mm': 330, a4: 820 };

export function PrintFrame(props: { src: string; width: PaperWidth; height: number | string; title: string; handleRef?: Ref<PrintFrameHandle>; testId?: string; onLoad?(): void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [loading, setLoading] = useState(true);
  useImperativeHandle(props.handleRef, () => ({
    print: () => {
      const w = frame.current?.contentWindow;
      if (!w) return;
      w.focus();
      w.print();
    },
  }));
  return (
    <div style={{ position: 'relative', width: '100%', display: 'flex', justifyContent: 'center', background: '#f0f2f5', borderRadius: 8, padding: 12 }}>
      {loading && <Spin style={{ position: 'absolute', top: 40 }} />}
      <iframe
        ref={frame}
        key={props.src}
        src={props.src}
        title={props.title}
        data-testid={props.testId}
        onLoad={() => {
          setLoading(false);
          props.onLoad?.();
        }}
        style={{ width: FRAME_WIDTH[props.width], maxWidth: '100%', height: props.height, border: 0, background: '#fff', boxShadow: '0 1px 4px rgba(0,0,0,0.15)' }}
      />
    </div>
  );
}

/** Paper width choice and the print button, above a PrintFrame. */
export function PrintControls(props: { width: PaperWidth; onWidth(w: PaperWidth): void; onPrint(): void; printLabel?: string; widths?: PaperWidth[]; extra?: React.ReactNode }) {
  const t = useT();
  const widths = props.widths ?? ['58mm', '80mm', 'a4'];
  return (
    <Space wrap>
      <Segmented<PaperWidth>
        aria-label={t('print.width')}
        value={props.width}
        onChange={(w) => props.onWidth(w)}
        options={widths.map((w) => ({ value: w, label: w === 'a4' ? 'A4' : w.replace('mm', ' mm') }))}
      />
      <Button type="primary" icon={<PrinterOutlined />} onClick={props.onPrint}>
        {props.printLabel ?? t('print.print')}
      </Button>
      {props.extra}
    </Space>
  );
}
