// Files from the API (exports, reports, personal-data exports): fetched with the session's
// headers so failures come back as the server's localised ApiError, read as a stream so long
// exports can show progress, and saved under the server's file name.
import { ApiError, type Locale, NetworkError, apiSession } from '../../api/client';

export interface FetchedFile {
  blob: Blob;
  filename: string;
}

function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="([^"]+)"/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

export async function fetchFile(
  url: string,
  opts: { locale: Locale; signal?: AbortSignal; onChunk?: (chunk: Uint8Array, receivedBytes: number) => void; fallbackName?: string },
): Promise<FetchedFile> {
  const headers: Record<string, string> = { 'Accept-Language': opts.locale };
  if (apiSession.storeId) headers['X-Store-Id'] = apiSession.storeId;
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', headers, signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new NetworkError(err);
  }
  if (!res.ok) {
    let body: { error?: { code: string; message: string; details: unknown; requestId: string } } | null = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    const e = body?.error;
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? `HTTP ${res.status}`, e?.details ?? null, e?.requestId ?? res.headers.get('x-request-id'));
  }
  const parts: BlobPart[] = [];
  let received = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      received += value.byteLength;
      opts.onChunk?.(value, received);
    }
  }
  return { blob: new Blob(parts, { type: res.headers.get('content-type') ?? 'application/octet-stream' }), filename: filenameOf(res.headers.get('content-disposition'), opts.fallbackName ?? 'download') };
}

export function saveFile(file: FetchedFile): void {
  const href = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = file.filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * Counts CSV records as bytes arrive: a record ends at a line feed outside quotes (quoted
 * cells may hold line breaks). UTF-8 never puts `"` or LF inside a multi-byte character.
 */
export function csvRecordCounter(): (chunk: Uint8Array) => number {
  let inQuotes = false;
  let records = 0;
  return (chunk) => {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === 0x22) inQuotes = !inQuotes;
      else if (b === 0x0a && !inQuotes) records++;
    }
    return records;
  };
}

/** A query string from filters, repeating array values (tag=a&tag=b). */
export function toQueryString(params: Record<string, string | number | string[] | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => sp.append(k, x));
    else sp.append(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}
