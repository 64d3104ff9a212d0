import type { FastifyRequest } from 'fastify';
import { CommonErrors } from '../../shared/errors';
import { MemberErrors } from './member.errors';

/** Upload size for the routes that accept files (member imports; photos check their own 2 MB). */
export const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

export interface Upload {
  filename: string;
  mimetype: string;
  content: Buffer;
}

/**
 * Read the one file of a multipart upload into memory, bounded by `maxBytes`: a missing file,
 * a non-multipart request or an oversized file is a clear 4xx, never a 500.
 */
export async function readUpload(req: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!req.isMultipart()) throw CommonErrors.UNSUPPORTED_MEDIA_TYPE({ details: { expected: 'multipart/form-data' } });
  let part;
  try {
    part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch (err) {
    throw translate(err);
  }
  if (!part) throw MemberErrors.UPLOAD_REQUIRED();
  try {
    const content = await part.toBuffer();
    if (!content.length) throw MemberErrors.UPLOAD_REQUIRED();
    return { filename: part.filename || 'upload', mimetype: part.mimetype, content };
  } catch (err) {
    throw translate(err);
  }
}

function translate(err: unknown): Error {
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') return CommonErrors.PAYLOAD_TOO_LARGE();
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return CommonErrors.UNSUPPORTED_MEDIA_TYPE();
  if (typeof code === 'string' && code.startsWith('FST_')) return CommonErrors.VALIDATION_FAILED({ details: [{ path: 'file', code: 'upload_failed', message: (err as Error).message }] });
  return err as Error;
}
