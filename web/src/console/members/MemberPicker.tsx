// Choose a member by typing the way the desk does (mobile tail, name, pinyin, member number):
// a select backed by the ranked front-desk search.
import { Select, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, call } from '../../api/client';
import { useT } from '../i18n';
import type { SearchResult } from './types';

export interface PickedMember {
  id: string;
  name: string;
  memberNo: string;
}

export function MemberPicker(props: {
  value?: string | null;
  onChange?: (id: string | null, member: PickedMember | null) => void;
  /** Shown for the current value before any search (e.g. the referrer already set). */
  initial?: PickedMember | null;
  excludeId?: string;
  autoFocus?: boolean;
  id?: string;
  placeholder?: string;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<SearchResult[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const known = useRef(new Map<string, PickedMember>(props.initial ? [[props.initial.id, props.initial]] : []));

  useEffect(() => {
    const text = q.trim();
    if (!text) {
      setResults([]);
      return;
    }
    const mine = ++seq.current;
    setLoading(true);
    const timer = setTimeout(() => {
      call(api.GET('/api/v1/members/search', { params: { query: { q: text, limit: 10 } } }))
        .then((r) => {
          if (mine !== seq.current) return;
          const items = r.items.filter((x) => x.id !== props.excludeId);
          for (const x of items) known.current.set(x.id, { id: x.id, name: x.name, memberNo: x.memberNo });
          setResults(items);
        })
        .catch(() => mine === seq.current && setResults([]))
        .finally(() => mine === seq.current && setLoading(false));
    }, 180);
    return () => clearTimeout(timer);
  }, [q, props.excludeId]);

  const options = results.map((r) => ({ value: r.id, label: `${r.name} · ${r.memberNo}${r.mobile ? ` · ${r.mobile}` : ''}` }));
  if (props.value && !options.some((o) => o.value === props.value)) {
    const k = known.current.get(props.value);
    if (k) options.unshift({ value: k.id, label: `${k.name} · ${k.memberNo}` });
  }

  return (
    <Select
      id={props.id}
      autoFocus={props.autoFocus}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={props.value ?? undefined}
      placeholder={props.placeholder ?? t('members.picker.placeholder')}
      notFoundContent={loading ? <Spin size="small" /> : q.trim() ? t('members.list.noMatch') : t('members.picker.hint')}
      options={options}
      onChange={(id: string | undefined) => props.onChange?.(id ?? null, id ? (known.current.get(id) ?? null) : null)}
    />
  );
}
