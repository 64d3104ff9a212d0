import type {
  ApiKeysTable,
  AuditLogsTable,
  IdempotencyKeysTable,
  JobLeasesTable,
  OutboxEventsTable,
  RegionsTable,
  RolesTable,
  StaffRolesTable,
  StaffAccessVersionsTable,
  StaffSessionsTable,
  StaffStoresTable,
  StaffTable,
  StoresTable,
  TenantsTable,
} from './foundation';
import type { MemberImportantDatesTable, MemberInteractionsTable } from './crm';
import type { LeadEventsTable, LeadsTable } from './lead';
import type {
  ConsentTextsTable,
  DependentContactsTable,
  MemberConsentsTable,
  MemberCustomFieldsTable,
  MemberCustomValuesTable,
  MemberDependentsTable,
  MemberGuardianshipsTable,
  MemberImportErrorsTable,
  MemberImportFilesTable,
  MemberImportJobsTable,
  MemberImportMappingsTable,
  MemberPhotosTable,
  MemberSearchTermsTable,
  MemberSensitiveTable,
  MemberSettingsTable,
  MemberTagsTable,
  MemberTimelineTable,
  MembersTable,
} from './member';
import type {
  LedgerAccountsTable,
  LedgerEntriesTable,
  LedgerJournalsTable,
  MemberTiersTable,
  OrderCountersTable,
  OrderLinePaymentsTable,
  OrderLinesTable,
  OrderRefundPaymentsTable,
  OrderRefundsTable,
  OrderTendersTable,
  OrdersTable,
  PointsLotMovesTable,
  PointsLotsTable,
  PointsPendingTable,
  PointsEventGrantsTable,
  PointsSettingsTable,
  RechargePackagesTable,
  TierHistoryTable,
  TierLevelsTable,
  TierMetricEventsTable,
  TierProgramsTable,
  WalletSettingsTable,
} from './money';
import type {
  CashierQuickKeysTable,
  ProductCategoriesTable,
  ProductSearchTermsTable,
  ProductStoresTable,
  ProductTierPricesTable,
  ProductsTable,
  ShiftCashMovesTable,
  ShiftCountsTable,
  ShiftSettingsTable,
  ShiftsTable,
  StockCountersTable,
  StockDocumentLinesTable,
  StockDocumentsTable,
  StockLevelsTable,
  StockMovesTable,
} from './retail';
import type {
  CardCountersTable,
  CardEventsTable,
  CardFamilyUsersTable,
  CardFreezesTable,
  CardFundingsTable,
  CardHoldsTable,
  CardProductCoverageTable,
  CardProductStoresTable,
  CardProductsTable,
  CardRemindersTable,
  CardRevenueTable,
  CardSettingsTable,
  CardSettlementsTable,
  CardUsagesTable,
  CardWriteoffsTable,
  MemberCardsTable,
} from './cards';
import type {
  ClassBookingsTable,
  ClassCheckInsTable,
  ClassFeedbackTable,
  ClassSessionsTable,
  CourseRoomsTable,
  CourseSettingsTable,
  CourseTeachersTable,
  CourseTimetablesTable,
  CoursesTable,
  MakeupCreditsTable,
  TimetableExceptionsTable,
} from './classes';
import type { AttendanceCorrectionsTable, AttendancePunchesTable } from './attendance';
import type { MemberLoginCodesTable, MemberSessionsTable } from './portal';
import type { AppointmentCoachesTable, AppointmentSettingsTable, AppointmentsTable, CoachAvailabilityExceptionsTable, CoachAvailabilityWindowsTable } from './appointments';
import type { ClassCancelFeesTable, CourseCancelPoliciesTable } from './cancel-policy';

export * from './foundation';
export * from './member';
export * from './crm';
export * from './lead';
export * from './money';
export * from './retail';
export * from './cards';
export * from './classes';
export * from './attendance';
export * from './portal';
export * from './appointments';
export * from './cancel-policy';

/** The whole database as Kysely sees it. Later migrations add their tables here. */
export interface DB {
  tenants: TenantsTable;
  regions: RegionsTable;
  stores: StoresTable;
  roles: RolesTable;
  staff: StaffTable;
  staff_roles: StaffRolesTable;
  staff_stores: StaffStoresTable;
  staff_sessions: StaffSessionsTable;
  staff_access_versions: StaffAccessVersionsTable;
  api_keys: ApiKeysTable;
  audit_logs: AuditLogsTable;
  idempotency_keys: IdempotencyKeysTable;
  outbox_events: OutboxEventsTable;
  job_leases: JobLeasesTable;
  // members & CRM (0002_*)
  member_settings: MemberSettingsTable;
  consent_texts: ConsentTextsTable;
  members: MembersTable;
  member_tags: MemberTagsTable;
  member_search_terms: MemberSearchTermsTable;
  member_custom_fields: MemberCustomFieldsTable;
  member_custom_values: MemberCustomValuesTable;
  member_photos: MemberPhotosTable;
  member_sensitive: MemberSensitiveTable;
  member_consents: MemberConsentsTable;
  member_dependents: MemberDependentsTable;
  member_guardianships: MemberGuardianshipsTable;
  dependent_contacts: DependentContactsTable;
  member_timeline: MemberTimelineTable;
  member_import_jobs: MemberImportJobsTable;
  member_import_files: MemberImportFilesTable;
  member_import_errors: MemberImportErrorsTable;
  member_import_mappings: MemberImportMappingsTable;
  member_interactions: MemberInteractionsTable;
  member_important_dates: MemberImportantDatesTable;
  leads: LeadsTable;
  lead_events: LeadEventsTable;
  // money core (0003_money)
  ledger_accounts: LedgerAccountsTable;
  ledger_journals: LedgerJournalsTable;
  ledger_entries: LedgerEntriesTable;
  points_lots: PointsLotsTable;
  points_lot_moves: PointsLotMovesTable;
  points_pending: PointsPendingTable;
  points_settings: PointsSettingsTable;
  points_event_grants: PointsEventGrantsTable;
  wallet_settings: WalletSettingsTable;
  recharge_packages: RechargePackagesTable;
  tier_programs: TierProgramsTable;
  tier_levels: TierLevelsTable;
  member_tiers: MemberTiersTable;
  tier_metric_events: TierMetricEventsTable;
  tier_history: TierHistoryTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  order_tenders: OrderTendersTable;
  order_line_payments: OrderLinePaymentsTable;
  order_refunds: OrderRefundsTable;
  order_refund_payments: OrderRefundPaymentsTable;
  order_counters: OrderCountersTable;
  // cashier & retail (0005_retail)
  product_categories: ProductCategoriesTable;
  products: ProductsTable;
  product_stores: ProductStoresTable;
  product_tier_prices: ProductTierPricesTable;
  product_search_terms: ProductSearchTermsTable;
  cashier_quick_keys: CashierQuickKeysTable;
  stock_levels: StockLevelsTable;
  stock_moves: StockMovesTable;
  stock_documents: StockDocumentsTable;
  stock_document_lines: StockDocumentLinesTable;
  stock_counters: StockCountersTable;
  shift_settings: ShiftSettingsTable;
  shifts: ShiftsTable;
  shift_cash_moves: ShiftCashMovesTable;
  shift_counts: ShiftCountsTable;
  // membership cards (0006_cards)
  card_settings: CardSettingsTable;
  card_products: CardProductsTable;
  card_product_coverage: CardProductCoverageTable;
  card_product_stores: CardProductStoresTable;
  member_cards: MemberCardsTable;
  card_counters: CardCountersTable;
  card_fundings: CardFundingsTable;
  card_freezes: CardFreezesTable;
  card_family_users: CardFamilyUsersTable;
  card_holds: CardHoldsTable;
  card_usages: CardUsagesTable;
  card_revenue: CardRevenueTable;
  card_settlements: CardSettlementsTable;
  card_writeoffs: CardWriteoffsTable;
  card_events: CardEventsTable;
  card_reminders: CardRemindersTable;
  // classes & booking (0007_classes)
  course_settings: CourseSettingsTable;
  course_teachers: CourseTeachersTable;
  course_rooms: CourseRoomsTable;
  courses: CoursesTable;
  course_timetables: CourseTimetablesTable;
  timetable_exceptions: TimetableExceptionsTable;
  class_sessions: ClassSessionsTable;
  class_bookings: ClassBookingsTable;
  class_check_ins: ClassCheckInsTable;
  makeup_credits: MakeupCreditsTable;
  // class feedback (0009_class_feedback)
  class_feedback: ClassFeedbackTable;
  // staff attendance (0008_attendance)
  attendance_punches: AttendancePunchesTable;
  attendance_corrections: AttendanceCorrectionsTable;
  // member sign-in for the portal (0012_member_portal)
  member_login_codes: MemberLoginCodesTable;
  member_sessions: MemberSessionsTable;
  // 1:1 appointments (0010_appointments)
  appointment_settings: AppointmentSettingsTable;
  appointment_coaches: AppointmentCoachesTable;
  coach_availability_windows: CoachAvailabilityWindowsTable;
  coach_availability_exceptions: CoachAvailabilityExceptionsTable;
  appointments: AppointmentsTable;
  // cancellation policy (0011_cancel_policy)
  course_cancel_policies: CourseCancelPoliciesTable;
  class_cancel_fees: ClassCancelFeesTable;
}

/** Tables that are not tenant-owned (Citus reference or local tables). */
export const GLOBAL_TABLES = new Set(['tenants', 'job_leases', 'kysely_migration', 'kysely_migration_lock']);
