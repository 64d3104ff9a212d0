import { z } from 'zod';
import { type ZApp, errorResponses } from '../../http/zapp';
import type { Ctx } from '../../shared/context';
import type { LedgerService } from '../ledger';
import {
  adjustBody,
  balancesSchema,
  freezeBody,
  journalPageSchema,
  journalSchema,
  ledgerQuery,
  memberIdParam,
  packageCreateBody,
  packageIdParam,
  packageSchema,
  packageUpdateBody,
  svRefundQuoteSchema,
  walletSettingsSchema,
} from './wallet.schemas';
import type { WalletService } from './wallet.service';
import type { Database } from '../../db/database';

export interface WalletRouteDeps {
  wallet: WalletService;
  ledger: LedgerService;
  database: Database;
  /** 404 unless the member exists in the caller's tenant. */
  requireMember: (ctx: Ctx, memberId: string) => Promise<void>;
}

const IDEM = 'Requires an Idempotency-Key header.';

export function walletRoutes(app: ZApp, deps: WalletRouteDeps): void {
  const { wallet, ledger, requireMember } = deps;

  app.get('/wallet-settings', {
    config: { permission: 'wallet.read' },
    schema: { tags: ['stored value'], summary: 'Stored-value rules: spend order and refund fee', response: { 200: walletSettingsSchema, ...errorResponses } },
    handler: async (req) => wallet.getSettings(req.ctx()),
  });

  app.put('/wallet-settings', {
    config: { permission: 'wallet.settings' },
    schema: { tags: ['stored value'], summary: 'Set stored-value rules', body: walletSettingsSchema, response: { 200: walletSettingsSchema, ...errorResponses } },
    handler: async (req) => wallet.updateSettings(req.ctx(), req.body),
  });

  app.get('/recharge-packages', {
    config: { permission: 'wallet.read' },
    schema: {
      tags: ['stored value'],
      summary: 'Recharge packages (充值套餐): pay X, get bonus Y',
      querystring: z.strictObject({ includeInactive: z.enum(['true', 'false']).optional().transform((v) => v === 'true') }),
      response: { 200: z.object({ items: z.array(packageSchema) }), ...errorResponses },
    },
    handler: async (req) => ({ items: await wallet.listPackages(req.ctx(), req.query.includeInactive) }),
  });

  app.post('/recharge-packages', {
    config: { permission: 'wallet.settings' },
    schema: { tags: ['stored value'], summary: 'Create a recharge package', body: packageCreateBody, response: { 201: packageSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await wallet.createPackage(req.ctx(), req.body)),
  });

  app.patch('/recharge-packages/:packageId', {
    config: { permission: 'wallet.settings' },
    schema: {
      tags: ['stored value'],
      summary: 'Rename, reorder or (de)activate a package (price and bonus are fixed once created)',
      params: packageIdParam,
      body: packageUpdateBody,
      response: { 200: packageSchema, ...errorResponses },
    },
    handler: async (req) => wallet.updatePackage(req.ctx(), req.params.packageId, req.body),
  });

  app.get('/members/:memberId/stored-value', {
    config: { permission: 'wallet.read' },
    schema: { tags: ['stored value'], summary: 'A member’s stored value: principal, bonus, frozen, available', params: memberIdParam, response: { 200: balancesSchema, ...errorResponses } },
    handler: async (req) => {
      const ctx = req.ctx();
      await requireMember(ctx, req.params.memberId);
      return wallet.balances(deps.database.db, ctx.tenantId, req.params.memberId);
    },
  });

  app.get('/members/:memberId/ledger', {
    config: { permission: 'wallet.read' },
    schema: {
      tags: ['stored value'],
      summary: 'A member’s asset ledger (stored value, points …): journals with their entries and balances after, newest first',
      params: memberIdParam,
      querystring: ledgerQuery,
      response: { 200: journalPageSchema, ...errorResponses },
    },
    handler: async (req) => {
      const ctx = req.ctx();
      await requireMember(ctx, req.params.memberId);
      const { asset, kind, from, to, cursor, limit } = req.query;
      return ledger.listJournals(ctx, req.params.memberId, { assets: asset, kinds: kind, from: from && new Date(from).toISOString(), to: to && new Date(to).toISOString(), cursor, limit });
    },
  });

  for (const mode of ['freeze', 'unfreeze'] as const) {
    app.post(`/members/:memberId/stored-value/${mode}`, {
      config: { permission: 'wallet.freeze', idempotent: true },
      schema: {
        tags: ['stored value'],
        summary: mode === 'freeze' ? 'Freeze part of the principal (pending refund or dispute)' : 'Release frozen stored value',
        description: IDEM,
        params: memberIdParam,
        body: freezeBody,
        response: { 200: balancesSchema, ...errorResponses },
      },
      handler: async (req) => {
        const ctx = req.ctx();
        await requireMember(ctx, req.params.memberId);
        return wallet.freeze(ctx, { memberId: req.params.memberId, ...req.body }, mode);
      },
    });
  }

  app.post('/members/:memberId/stored-value/adjustments', {
    config: { permission: 'wallet.adjust', idempotent: true },
    schema: {
      tags: ['stored value'],
      summary: 'Adjust principal and/or bonus by hand, with a reason',
      description: IDEM,
      params: memberIdParam,
      body: adjustBody,
      response: { 201: journalSchema.pick({ id: true }).extend({ balances: balancesSchema }), ...errorResponses },
    },
    handler: async (req, reply) => {
      const ctx = req.ctx();
      await requireMember(ctx, req.params.memberId);
      const r = await wallet.adjust(ctx, { memberId: req.params.memberId, ...req.body });
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(r.value);
    },
  });

  app.post('/members/:memberId/stored-value/refund-quote', {
    config: { permission: 'wallet.refund', readOnly: true },
    schema: {
      tags: ['stored value'],
      summary: 'Quote a stored-value refund: principal paid and consumed, bonus forfeited, fee, amount back',
      params: memberIdParam,
      response: { 200: svRefundQuoteSchema, ...errorResponses },
    },
    handler: async (req) => {
      const ctx = req.ctx();
      await requireMember(ctx, req.params.memberId);
      return wallet.quoteRefund(ctx, req.params.memberId);
    },
  });
}
