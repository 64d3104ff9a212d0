// The front-desk search as the console uses it: ranked results, and which result an Enter (or
// a barcode scanner's Enter) should open.
import { api, call } from '../../api/client';
import type { SearchResult } from './types';

/** Matches that name exactly one member: Enter opens it at once. */
const EXACT: SearchResult['matchedBy'][] = ['memberNo', 'cardNo', 'mobile'];

export async function searchMembers(q: string, limit = 10): Promise<SearchResult[]> {
  return (await call(api.GET('/api/v1/members/search', { params: { query: { q, limit } } }))).items;
}

/** The member an Enter on this text should open, if the text names exactly one. */
export function memberToOpen(results: SearchResult[]): SearchResult | null {
  if (results.length === 0) return null;
  if (EXACT.includes(results[0].matchedBy)) return results[0];
  return results.length === 1 ? results[0] : null;
}
