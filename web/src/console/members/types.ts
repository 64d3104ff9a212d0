// Named DTOs of the members, CRM and lead routes, picked from the generated OpenAPI types.
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';

export type Member = ResponseOf<'/api/v1/members/{memberId}', 'get'>;
export type MemberCreate = BodyOf<'/api/v1/members', 'post'>;
export type MemberUpdate = BodyOf<'/api/v1/members/{memberId}', 'patch'>;
export type MemberSummary = ResponseOf<'/api/v1/members', 'get'>['items'][number];
export type SearchResult = ResponseOf<'/api/v1/members/search', 'get'>['items'][number];
export type MatchKind = SearchResult['matchedBy'];
export type MemberListQuery = QueryOf<'/api/v1/members'>;
export type Facets = ResponseOf<'/api/v1/members/facets', 'get'>;
export type CustomField = ResponseOf<'/api/v1/member-custom-fields', 'get'>['items'][number];
export type MemberSettings = ResponseOf<'/api/v1/member-settings', 'get'>;
export type Gender = NonNullable<Member['gender']>;
export type LunarDate = NonNullable<Member['lunarBirthday']>;

export type Family = ResponseOf<'/api/v1/members/{memberId}/family', 'get'>;
export type Dependent = Family['dependents'][number];
export type DependentCreate = BodyOf<'/api/v1/members/{memberId}/dependents', 'post'>;
export type DependentUpdate = BodyOf<'/api/v1/dependents/{dependentId}', 'patch'>;
export type Guardian = Dependent['guardians'][number];
export type Contact = Dependent['contacts'][number];

export type ConsentText = ResponseOf<'/api/v1/consent-texts', 'get'>['items'][number];
export type Consent = ResponseOf<'/api/v1/members/{memberId}/consents', 'get'>['items'][number];
export type Sensitive = ResponseOf<'/api/v1/members/{memberId}/sensitive', 'get'>;
export type SensitiveUpdate = BodyOf<'/api/v1/members/{memberId}/sensitive', 'put'>;
export type IdType = NonNullable<Sensitive['idType']>;

export type Interaction = ResponseOf<'/api/v1/interactions/{interactionId}', 'get'>;
export type InteractionKind = Interaction['kind'];
export type InteractionStatus = NonNullable<Interaction['status']>;
export type InteractionCreate = BodyOf<'/api/v1/members/{memberId}/interactions', 'post'>;
export type InteractionUpdate = BodyOf<'/api/v1/interactions/{interactionId}', 'patch'>;
export type ImportantDate = ResponseOf<'/api/v1/members/{memberId}/important-dates', 'get'>['items'][number];
export type UpcomingItem = ResponseOf<'/api/v1/important-dates/upcoming', 'get'>['items'][number];
export type TimelineEntry = ResponseOf<'/api/v1/members/{memberId}/timeline', 'get'>['items'][number];
export type Owner = ResponseOf<'/api/v1/follow-up-owners', 'get'>['items'][number];

export type ImportJob = ResponseOf<'/api/v1/member-imports/{jobId}', 'get'>;
export type UploadedImportJob = ResponseOf<'/api/v1/member-imports', 'post', 201>;
export type ImportRowError = ResponseOf<'/api/v1/member-imports/{jobId}/errors', 'get'>['items'][number];
export type ImportMapping = ResponseOf<'/api/v1/member-import-mappings', 'get'>['items'][number];

export type Lead = ResponseOf<'/api/v1/leads', 'get'>['items'][number];
export type LeadDetail = ResponseOf<'/api/v1/leads/{leadId}', 'get'>;
export type LeadStatus = Lead['status'];
export type LeadCreate = BodyOf<'/api/v1/leads', 'post'>;
export type LeadUpdate = BodyOf<'/api/v1/leads/{leadId}', 'patch'>;
export type LeadBoard = ResponseOf<'/api/v1/leads/board', 'get'>;
export type ConversionReport = ResponseOf<'/api/v1/leads/conversion-report', 'get'>;
