import './product.permissions';

export { createProductService, type ProductService } from './product.service';
export { createCatalogueLineHandlers } from './product.lines';
export { productRoutes } from './product.routes';
export { ProductErrors } from './product.errors';
export type { StockLink, ProductBrief } from './product.types';
export type { ProductView, CashierItem } from './product.schemas';
