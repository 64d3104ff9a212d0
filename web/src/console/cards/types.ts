// Named DTOs of the membership-card API, picked from the generated OpenAPI types.
import type { BodyOf, ResponseOf } from '../../api/types';

export type CardProduct = ResponseOf<'/api/v1/card-products/{cardProductId}', 'get'>;
export type CardProductKind = CardProduct['kind'];
export type CardProductCreate = BodyOf<'/api/v1/card-products', 'post'>;
export type CardProductUpdate = BodyOf<'/api/v1/card-products/{cardProductId}', 'patch'>;
export type SalePreview = ResponseOf<'/api/v1/card-products/{cardProductId}/sale-preview', 'post'>;
export type MemberCard = ResponseOf<'/api/v1/member-cards/{cardId}', 'get'>;
export type CardStatus = MemberCard['status'];
export type CardEvent = ResponseOf<'/api/v1/member-cards/{cardId}/history', 'get'>['items'][number];
export type FreezePreview = ResponseOf<'/api/v1/member-cards/{cardId}/freeze-preview', 'post'>;
export type TransferPreview = ResponseOf<'/api/v1/member-cards/{cardId}/transfer-preview', 'post'>;
export type UpgradePreview = ResponseOf<'/api/v1/member-cards/{cardId}/upgrade-preview', 'post'>;
export type CardRefundQuote = ResponseOf<'/api/v1/member-cards/{cardId}/refund-quote', 'post'>;
export type CardTender = NonNullable<BodyOf<'/api/v1/member-cards/{cardId}/transfers', 'post'>['tenders']>[number];
