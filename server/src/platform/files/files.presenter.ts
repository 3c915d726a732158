import type { Static } from '@sinclair/typebox';
import type { StoredFileRow } from './files.repository.js';
import type { FileMeta } from './files.schemas.js';

/** stored_file row → API shape (modules use it to list a record's attachments). */
export function presentFile(r: StoredFileRow): Static<typeof FileMeta> {
  return {
    id: r.id,
    name: r.original_name,
    size: Number(r.size),
    mime: r.mime,
    ext: r.ext,
    sha256: r.sha256,
    ownerType: r.owner_type,
    ownerId: r.owner_id,
    uploadedBy: r.uploaded_by,
    uploadedOrgId: r.uploaded_org_id,
    createdAt: r.created_at.toISOString(),
  };
}
