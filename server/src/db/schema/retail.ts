import type { ColumnType } from 'kysely';

/** Row types of the cashier & retail issue: catalogue, stock per store, shifts (0005_retail). */

export type ProductKind = 'product' | 'service' | 'fee';
export type FeeKind = 'join' | 'annual' | 'late' | 'other';

export interface ProductCategoriesTable {
  tenant_id: string;
  id: string;
  name: string;
  sort_order: number;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface ProductsTable {
  tenant_id: string;
  id: string;
  kind: ProductKind;
  /** Only for kind fee. */
  fee_kind: FeeKind | null;
  sku: string | null;
  barcode: string | null;
  name: string;
  category_id: string | null;
  unit: string;
  /** List price per unit, fen. */
  price: number;
  /** Standard cost per unit, fen (purchase receipts default to it). */
  cost: number | null;
  /** Tax rate in basis points (1300 = 13 %), for the receipt and reports. */
  tax_rate_bp: number;
  /** Service items: how long one unit lasts. */
  duration_minutes: number | null;
  description: string | null;
  is_active: boolean;
  /** Sold in every store (otherwise only in the stores listed in product_stores). */
  is_all_stores: boolean;
  allow_negative_stock: boolean;
  is_tier_discountable: boolean;
  is_points_payable: boolean;
  is_stored_value_payable: boolean;
  /** Low-stock threshold; a store may override it on its stock level. */
  low_stock_threshold: number | null;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface ProductStoresTable {
  tenant_id: string;
  product_id: string;
  store_id: string;
}

export interface ProductTierPricesTable {
  tenant_id: string;
  product_id: string;
  tier_id: string;
  price: number;
}

export interface ProductSearchTermsTable {
  tenant_id: string;
  term: string;
  product_id: string;
}

export interface CashierQuickKeysTable {
  tenant_id: string;
  store_id: string;
  position: number;
  product_id: string;
  label: string | null;
  color: string | null;
}

export interface StockLevelsTable {
  tenant_id: string;
  store_id: string;
  product_id: string;
  quantity: number;
  /** Value of the units on hand at moving-average cost, fen (0 when none are on hand). */
  stock_value: number;
  /** Cost per unit of the last receipt, fen: values units that go out while none are on hand. */
  last_unit_cost: number;
  /** Per-store override of the product's low-stock threshold. */
  low_stock_threshold: number | null;
  move_count: number;
  updated_at: string;
}

export type StockMoveKind = 'purchase' | 'transfer_out' | 'transfer_in' | 'stocktake' | 'sale' | 'refund' | 'manual';

export interface StockMovesTable {
  tenant_id: string;
  id: string;
  store_id: string;
  product_id: string;
  kind: StockMoveKind;
  /** Signed: positive in, negative out. */
  quantity: number;
  balance_after: number;
  /** Cost per unit the move was valued at, fen. */
  unit_cost: number;
  value_change: number;
  value_after: number;
  /** Position of the move in its level (1, 2, 3 …). */
  level_seq: number;
  document_id: string | null;
  order_id: string | null;
  order_line_id: string | null;
  refund_id: string | null;
  reason: string | null;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  business_date: string;
  created_at: string;
}

export type StockDocumentKind = 'receipt' | 'transfer' | 'stocktake' | 'adjustment';

export interface StockDocumentsTable {
  tenant_id: string;
  id: string;
  doc_no: string;
  kind: StockDocumentKind;
  status: 'draft' | 'posted' | 'cancelled';
  store_id: string;
  /** Transfers: the receiving store. */
  to_store_id: string | null;
  supplier: string | null;
  reason: string | null;
  note: string | null;
  total_quantity: number;
  total_cost: number;
  created_by: string | null;
  created_by_name: string | null;
  posted_by: string | null;
  posted_by_name: string | null;
  posted_at: string | null;
  business_date: string;
  created_at: string;
  updated_at: string;
}

export interface StockDocumentLinesTable {
  tenant_id: string;
  id: string;
  document_id: string;
  line_no: number;
  product_id: string;
  /** Receipts, transfers, adjustments: the quantity moved (adjustments signed); stocktakes: the posted difference. */
  quantity: number;
  unit_cost: number;
  counted_quantity: number | null;
  system_quantity: number | null;
}

export interface StockCountersTable {
  tenant_id: string;
  store_id: string;
  business_date: string;
  kind: string;
  last_no: number;
}

export interface ShiftSettingsTable {
  tenant_id: string;
  store_id: string;
  is_shift_required: boolean;
  updated_at: string;
}

export interface ShiftTotals {
  methods: { method: string; sales: number; refunds: number; cashIn: number; cashOut: number; float: number; expected: number }[];
  orderCount: number;
  refundCount: number;
  changeGiven: number;
  storedValue: { sales: number; refunds: number };
  points: { points: number; value: number; returned: number };
}

export interface ShiftsTable {
  tenant_id: string;
  id: string;
  shift_no: string;
  seq: number;
  store_id: string;
  status: 'open' | 'closed' | 'confirmed';
  opening_float: number;
  opened_by: string | null;
  opened_by_name: string | null;
  opened_at: string;
  business_date: string;
  note: string | null;
  closed_by: string | null;
  closed_by_name: string | null;
  closed_at: string | null;
  expected_total: number | null;
  counted_total: number | null;
  difference_total: number | null;
  difference_reason: string | null;
  close_note: string | null;
  /** Snapshot of the totals at the close (null while open). */
  totals_json: ColumnType<ShiftTotals | null, string | null, string | null>;
  confirmed_by: string | null;
  confirmed_by_name: string | null;
  confirmed_at: string | null;
  confirm_note: string | null;
}

export interface ShiftCashMovesTable {
  tenant_id: string;
  id: string;
  shift_id: string;
  kind: 'in' | 'out';
  amount: number;
  reason: string;
  created_by: string | null;
  created_by_name: string | null;
  created_at: string;
}

export interface ShiftCountsTable {
  tenant_id: string;
  shift_id: string;
  method: string;
  expected: number;
  counted: number;
  difference: number;
}
