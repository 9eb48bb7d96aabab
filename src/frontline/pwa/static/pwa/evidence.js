// Evidence made on the device: photos attached to a record, and a witness's signature. Each is
// hashed the moment it is taken and stored sealed, in the same transaction as its record.

import { sha256Hex } from "./crypto.js";
import { EVIDENCE, recordCorrect, recordWrite, STATEMENT } from "./records.js";
import { isoWithOffset } from "./time.js";

// target: { type, id } of the record the photo belongs to (notebook entry, search, statement...).
export async function photoAttach({ officer, target, bytes, mediaType, filename, description }) {
  const sha256 = await sha256Hex(bytes);
  const payload = {
    sha256,
    media_type: mediaType,
    size: bytes.length,
    filename,
    captured_at: isoWithOffset(new Date()),
    description,
    record_type: target.type,
    record_id: target.id,
  };
  return recordWrite({
    officer,
    type: EVIDENCE,
    payload,
    blobs: [{ sha256, bytes, media_type: mediaType }],
  });
}

// A signed statement: the signature PNG's hash goes into the statement, the PNG into the blobs.
export async function statementSign({ officer, fields, png }) {
  const sha256 = await sha256Hex(png);
  return recordWrite({
    officer,
    type: STATEMENT,
    payload: { ...fields, signature_sha256: sha256 },
    blobs: [{ sha256, bytes: png, media_type: "image/png" }],
  });
}

// A refused statement put right and signed again (the witness signs what is now sent).
export async function statementCorrect({ officer, mutationId, fields, png }) {
  const sha256 = await sha256Hex(png);
  await recordCorrect({
    officer,
    mutationId,
    payload: { ...fields, signature_sha256: sha256 },
    local: {},
    blobs: [{ sha256, bytes: png, media_type: "image/png" }],
  });
}
