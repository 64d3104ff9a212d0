// What the desk does with a member card, each in a dialog that asks the server first and shows
// the outcome before anything changes: freeze (the new expiry), transfer (the recipient and the
// fee), upgrade (the difference, new sessions and expiry), adjustment and cancellation (with a
// reason), refund (the quote by the card's formula, confirmed as quoted), family members.
// Asset-moving POSTs go through useAssetSubmit: one Idempotency-Key per attempt.
export { AdjustDialog, CancelDialog } from './adjust';
export { FamilyDialog } from './family';
export { FreezeDialog } from './freeze';
export { RefundDialog } from './refund';
export { type CardAction } from './shared';
export { TransferDialog } from './transfer';
export { UpgradeDialog } from './upgrade';
