import './stock.permissions';

export { createStockService, type StockService } from './stock.service';
export { stockRoutes } from './stock.routes';
export { StockErrors } from './stock.errors';
export { verifyStock, type StockMismatch } from './stock.verify';
