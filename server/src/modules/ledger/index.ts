export { createLedgerService, type LedgerService, type Posting, type PostedEntry, type PostingInput, type PostingLine, type AccountSpec, type LockedAccounts, type JournalView } from './ledger.service';
export { LedgerErrors, ASSET_NAMES } from './ledger.errors';
export { verifyLedger, type Mismatch } from './ledger.verify';
