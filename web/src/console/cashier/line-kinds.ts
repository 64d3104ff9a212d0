// The kinds of line the cashier can sell, and where items to sell come from. This is the
// extension point for later modules: the cards issue registers a `card` kind (with its
// activation options) and a source listing card products, and the cashier screen offers them
// beside products, services, fees and recharges without further changes.
import type { ComponentType } from 'react';
import type { CheckoutLine } from '../../api/retail';
import type { MsgKey } from '../i18n';

/** One line in the basket, before the server prices it. */
export interface CartLine {
  uid: string;
  kind: string;
  /** Catalogue id (product, service, fee, recharge package, card product …); null for custom lines. */
  itemId: string | null;
  name: string;
  unit: string | null;
  /** List price per unit as the catalogue shows it, fen (the quote gives the member's price). */
  listPrice: number;
  quantity: number;
  /** A price per unit entered by staff holding order.customPrice. */
  priceOverride?: number;
  /** Units on hand in this store (products), for a warning before the server refuses. */
  stock?: number | null;
  allowNegativeStock?: boolean;
  code?: string | null;
  /** Item-specific choices handed to the server (e.g. a card's activation date). */
  options?: Record<string, unknown>;
}

export interface LineKindDef {
  kind: string;
  label: MsgKey;
  color: string;
  /** Recharges (and cards) can only be sold to a member. */
  needsMember: boolean;
  maxQuantity: number;
  /** Staff with order.customPrice may change the price per unit. */
  priceEditable: boolean;
  toRequest(line: CartLine): CheckoutLine;
  /**
   * A dialog the cashier opens before the line goes into the basket (e.g. a card's sale preview:
   * start and expiry, prepayment warnings, the refund terms to read out). `onAdd` adds the line
   * with the options chosen there; `onCancel` adds nothing.
   */
  AddDialog?: ComponentType<LineAddDialogProps>;
}

export interface LineAddDialogProps {
  item: PickItem;
  storeId: string;
  memberId: string | null;
  onAdd(options?: Record<string, unknown>): void;
  onCancel(): void;
}

/** Something the desk can add with one key press or click: a quick key, a package, a fee. */
export interface PickItem {
  key: string;
  kind: string;
  itemId: string | null;
  name: string;
  /** Short text for a button (defaults to the name). */
  label?: string;
  price: number;
  unit: string | null;
  color?: string | null;
  /** Recharge packages: what the member gets on top (bonus value, fen, and points). */
  bonus?: { value: number; points: number };
  stock?: number | null;
  allowNegativeStock?: boolean;
  code?: string | null;
}

/** A tab of buttons on the cashier screen (quick keys, recharge packages, fees …). */
export interface LineSource {
  key: string;
  label: MsgKey;
  /** The permission the staff member needs for the tab to show. */
  permission: string;
  load(storeId: string): Promise<PickItem[]>;
}

const kinds = new Map<string, LineKindDef>();
const sources: LineSource[] = [];

export function registerLineKind(def: LineKindDef): void {
  kinds.set(def.kind, def);
}

export function registerLineSource(source: LineSource): void {
  if (!sources.some((s) => s.key === source.key)) sources.push(source);
}

export function lineKind(kind: string): LineKindDef | undefined {
  return kinds.get(kind);
}

export function lineSources(): readonly LineSource[] {
  return sources;
}

const catalogue = (kind: 'product' | 'service' | 'fee', label: MsgKey, color: string): LineKindDef => ({
  kind,
  label,
  color,
  needsMember: false,
  maxQuantity: 9999,
  priceEditable: true,
  toRequest: (l) => ({ kind, itemId: l.itemId!, quantity: l.quantity, ...(l.priceOverride !== undefined ? { unitPrice: l.priceOverride } : {}), ...(l.options ? { options: l.options } : {}) }),
});

registerLineKind(catalogue('product', 'lineKind.product', 'blue'));
registerLineKind(catalogue('service', 'lineKind.service', 'cyan'));
registerLineKind(catalogue('fee', 'lineKind.fee', 'gold'));
registerLineKind({
  kind: 'recharge',
  label: 'lineKind.recharge',
  color: 'magenta',
  needsMember: true,
  maxQuantity: 99,
  priceEditable: false,
  toRequest: (l) => ({ kind: 'recharge', packageId: l.itemId!, quantity: l.quantity }),
});
registerLineKind({
  kind: 'custom',
  label: 'lineKind.custom',
  color: 'default',
  needsMember: false,
  maxQuantity: 9999,
  priceEditable: true,
  toRequest: (l) => ({ kind: 'custom', name: l.name, unitPrice: l.priceOverride ?? l.listPrice, quantity: l.quantity }),
});

let seq = 0;
export function newLine(item: PickItem, quantity = 1, options?: Record<string, unknown>): CartLine {
  seq += 1;
  return {
    ...(options ? { options } : {}),
    uid: `l${Date.now().toString(36)}${seq}`,
    kind: item.kind,
    itemId: item.itemId,
    name: item.name,
    unit: item.unit,
    listPrice: item.price,
    quantity,
    stock: item.stock,
    allowNegativeStock: item.allowNegativeStock,
    code: item.code,
  };
}
