import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { type ZApp, errorResponses } from '../../http/zapp';
import { dailyPrintQuery, dailyQuery, dailySchema, orderIdParam, printQuery, receiptSchema, shiftIdParam } from './report.schemas';
import type { ReportService } from './report.service';

/**
 * Printable pages are plain HTML the console loads into a same-origin frame and prints (or
 * opens in a tab). They carry no scripts; their policy allows inline styles and images only,
 * and framing by the console itself.
 */
function sendHtml(reply: unknown, html: string) {
  return (reply as FastifyReply)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'")
    .header('x-frame-options', 'SAMEORIGIN')
    .send(html);
}

const htmlResponse = { description: 'A printable HTML page', content: { 'text/html': { schema: z.string() } } };

export function reportRoutes(app: ZApp, reports: ReportService): void {
  app.get('/orders/:orderId/receipt', {
    config: { permission: 'order.read' },
    schema: {
      tags: ['cashier'],
      summary: 'Receipt data: store header, lines with discounts, tenders with change, masked member with balances after, refunds, QR payload',
      params: orderIdParam,
      response: { 200: receiptSchema, ...errorResponses },
    },
    handler: async (req) => reports.receipt(req.ctx(), req.params.orderId),
  });

  app.get('/orders/:orderId/receipt.html', {
    config: { permission: 'order.read' },
    schema: {
      tags: ['cashier'],
      summary: 'The receipt as a printable page for 58 mm / 80 mm thermal paper or A4 (print or reprint from the browser)',
      params: orderIdParam,
      querystring: printQuery,
      response: { 200: htmlResponse, ...errorResponses },
    },
    handler: async (req, reply) => sendHtml(reply, await reports.receiptHtml(req.ctx(), req.params.orderId, req.query)),
  });

  app.get('/shifts/:shiftId/report.html', {
    config: { permission: 'shift.read' },
    schema: {
      tags: ['shifts'],
      summary: 'Printable shift report: expected vs counted per tender, cash moves, difference and reason, signatures',
      params: shiftIdParam,
      querystring: printQuery.pick({ width: true }),
      response: { 200: htmlResponse, ...errorResponses },
    },
    handler: async (req, reply) => sendHtml(reply, await reports.shiftReportHtml(req.ctx(), req.params.shiftId, req.query)),
  });

  app.get('/reports/cashier-daily', {
    config: { permission: 'report.cashier' },
    schema: {
      tags: ['reports'],
      summary: 'Daily cashier report of a store: sales, refunds, net, per tender, discounts (tier, member price, coupon, points), sales by kind, top items',
      querystring: dailyQuery,
      response: { 200: dailySchema, ...errorResponses },
    },
    handler: async (req) => reports.daily(req.ctx(), req.query),
  });

  app.get('/reports/cashier-daily.html', {
    config: { permission: 'report.cashier' },
    schema: { tags: ['reports'], summary: 'The daily cashier report as a printable page (A4 or thermal paper)', querystring: dailyPrintQuery, response: { 200: htmlResponse, ...errorResponses } },
    handler: async (req, reply) => sendHtml(reply, await reports.dailyHtml(req.ctx(), req.query)),
  });
}
