import fastifyMultipart from '@fastify/multipart';
import type { ZApp } from '../../http/zapp';
import { memberFamilyRoutes } from './family.routes';
import type { MemberModule } from './member.module';
import { memberProfileRoutes } from './member.routes';
import { memberImportRoutes } from './import/import.routes';
import { UPLOAD_MAX_BYTES } from './upload';

/**
 * Every member route. Multipart parsing is registered in this scope only, so the rest of the
 * API keeps accepting JSON alone.
 */
export function memberRoutes(app: ZApp, m: MemberModule): void {
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 20, parts: 21 } });
    const z = scope as unknown as ZApp;
    memberProfileRoutes(z, m);
    memberFamilyRoutes(z, m);
    memberImportRoutes(z, m.imports);
  });
  // Background imports finish (or roll back) before the database closes.
  app.addHook('onClose', async () => {
    await m.imports.drain();
  });
}
