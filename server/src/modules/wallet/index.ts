import './wallet.permissions';

export * from './wallet.rules';
export { createWalletService, type WalletService, type WalletSettings, type WalletBalances, type RechargePackage, type SvRefundQuoteView, SV_JOURNALS } from './wallet.service';
export { WalletErrors } from './wallet.errors';
export { walletRoutes } from './wallet.routes';
export { balancesSchema } from './wallet.schemas';
