// A search field for the desk that a barcode scanner can type into: typing searches as you go
// (results under the field, ↑/↓ to choose, Enter to take), and Enter on fresh input hands the
// text to the caller first — a scanned code is looked up exactly before it is searched.
import { Input, type InputRef, Spin, Typography } from 'antd';
import { type ReactNode, type Ref, useEffect, useImperativeHandle, useRef, useState } from 'react';

export interface FinderHandle {
  focus(): void;
  clear(): void;
}

export interface FinderInputProps<T> {
  handleRef?: Ref<FinderHandle>;
  placeholder: string;
  ariaLabel: string;
  testId?: string;
  prefix?: ReactNode;
  size?: 'large' | 'middle';
  autoFocus?: boolean;
  /** Search as the desk types (debounced); [] for nothing. */
  search(q: string): Promise<T[]>;
  itemKey(item: T): string;
  renderItem(item: T): ReactNode;
  onPick(item: T): void;
  /**
   * Enter with no result chosen: the text as typed (a scan). Resolve true when handled (the
   * field clears), or with the results to choose from (the text stays, selected, so the next
   * scan replaces it).
   */
  onSubmit(q: string): Promise<true | T[]>;
  /** Keys while the field is empty (e.g. ↑/↓, +/−, Delete move in the basket). */
  onEmptyKey?(e: React.KeyboardEvent<HTMLInputElement>): boolean;
  emptyText: string;
  minChars?: number;
}

export function FinderInput<T>(props: FinderInputProps<T>) {
  const { search, minChars = 1 } = props;
  const inputRef = useRef<InputRef>(null);
  const [q, setQ] = useState('');
  const [results, setResults] = useState<T[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState(0);
  const seq = useRef(0);
  const searchRef = useRef(search);
  searchRef.current = search;

  useImperativeHandle(props.handleRef, () => ({
    focus: () => inputRef.current?.focus({ cursor: 'all' }),
    clear: () => {
      setQ('');
      setResults([]);
      setOpen(false);
      setActive(-1);
    },
  }));

  // Text given back after an Enter already has its results: no type-ahead for it.
  const restored = useRef<string | null>(null);
  useEffect(() => {
    const text = q.trim();
    if (restored.current !== null && restored.current === q) {
      restored.current = null;
      return;
    }
    if (text.length < minChars) {
      setResults([]);
      setLoading(false);
      return;
    }
    const mine = ++seq.current;
    setLoading(true);
    const timer = window.setTimeout(() => {
      searchRef
        .current(text)
        .then((r) => {
          if (mine !== seq.current) return;
          setResults(r);
          setActive(-1);
        })
        .catch(() => {
          if (mine === seq.current) setResults([]);
        })
        .finally(() => {
          if (mine === seq.current) setLoading(false);
        });
    }, 220);
    return () => window.clearTimeout(timer);
  }, [q, minChars]);

  const clear = () => {
    seq.current += 1;
    setQ('');
    setResults([]);
    setOpen(false);
    setActive(-1);
    setLoading(false);
  };

  const pick = (item: T) => {
    clear();
    props.onPick(item);
  };

  const onKeyDown = async (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (q === '' && props.onEmptyKey?.(e)) {
      e.preventDefault();
      return;
    }
    if (e.key === 'ArrowDown' && results.length) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % results.length);
    } else if (e.key === 'ArrowUp' && results.length) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a <= 0 ? results.length - 1 : a - 1));
    } else if (e.key === 'Escape' && (open || q)) {
      e.preventDefault();
      e.stopPropagation();
      clear();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (active >= 0 && results[active]) {
        pick(results[active]);
        return;
      }
      const text = q.trim();
      if (!text) return;
      // A scanner may send the next code before this one is looked up: clear the field at once
      // and let each Enter resolve on its own, so no scan is lost.
      seq.current += 1;
      setQ('');
      setResults([]);
      setOpen(false);
      setActive(-1);
      setBusy((n) => n + 1);
      try {
        const r = await props.onSubmit(text);
        if (r !== true) {
          // Not taken: give the text back (unless the desk already typed on) with what matched.
          restored.current = text;
          setQ((cur) => (cur === '' ? text : cur));
          setResults(r);
          setActive(r.length ? 0 : -1);
          setOpen(r.length > 0);
          window.setTimeout(() => inputRef.current?.select(), 0);
        }
      } finally {
        setBusy((n) => n - 1);
        setLoading(false);
      }
    }
  };

  const showList = open && q.trim().length >= minChars;
  return (
    <div style={{ position: 'relative' }} data-testid={props.testId}>
      <Input
        ref={inputRef}
        size={props.size ?? 'large'}
        autoFocus={props.autoFocus}
        autoComplete="off"
        spellCheck={false}
        aria-label={props.ariaLabel}
        placeholder={props.placeholder}
        prefix={props.prefix}
        suffix={loading || busy > 0 ? <Spin size="small" /> : <span />}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onFocus={() => q && setOpen(true)}
        onKeyDown={(e) => void onKeyDown(e)}
      />
      {showList && (
        <div
          role="listbox"
          aria-label={props.ariaLabel}
          style={{
            position: 'absolute',
            zIndex: 20,
            top: '100%',
            left: 0,
            right: 0,
            marginTop: 4,
            background: '#fff',
            borderRadius: 8,
            boxShadow: '0 6px 16px rgba(0,0,0,0.12), 0 3px 6px -4px rgba(0,0,0,0.12)',
            maxHeight: 360,
            overflowY: 'auto',
            padding: 4,
          }}
        >
          {results.length === 0 ? (
            <Typography.Text type="secondary" style={{ display: 'block', padding: '10px 12px' }}>
              {loading ? '…' : props.emptyText}
            </Typography.Text>
          ) : (
            results.map((item, i) => (
              <div
                key={props.itemKey(item)}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(item);
                }}
                onMouseEnter={() => setActive(i)}
                style={{ padding: '8px 12px', borderRadius: 6, cursor: 'pointer', background: i === active ? '#e6f4ff' : undefined }}
              >
                {props.renderItem(item)}
              </div>
            ))
          )}
        </div>
      )}
    </div>
  );
}
