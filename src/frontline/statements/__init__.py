"""Witness statements (MG11): taken on the device, signed on screen, never changed after.

Sync record type `statement.mg11` (lane evidential, op create only). The officer app keeps the
draft locally and pushes once, when the witness has signed. Payload (JSON, extra keys refused):

    urn                 str 1-40    case URN: letters, digits, spaces, / . -
    witness_name        str 1-200   "statement of", full name
    witness_age         int 1-17 | null   null means "over 18"
    occupation          str 0-200
    text                str 1-50000 the witness's own words; newlines allowed
    signature_sha256    64 hex      the signature PNG, uploaded through /api/v1/uploads
                                    (image/png); it may follow the push: the result then carries
                                    `awaiting_media`, and the statement is pulled again with
                                    `signature_received: true` once the PNG is verified
    signed_at           datetime with offset; not before taken_at, not in the future
    witnessed_by        str 0-200   "signature witnessed by"
    taken_at            datetime with offset; when taking began (not before 2000)
    taken_place         str 1-200
    further_to          uuid | null an earlier statement of the same witness and URN
    -- restricted rear page --
    address             str 0-500        phone  str 0-30 (digits, spaces, + ( ) -)
    email               str 0-254        birth_date  date | null (must agree with witness_age)
    birth_place         str 0-200        preferred_contact  "" | phone | email | post | in_person
    dates_unavailable   str 0-1000       needs  str 0-2000 (needs and special measures)
    consent_victim_personal_statement    bool | null (null: not asked)
    consent_medical_records              bool | null

Single-line fields refuse tab and newline; every field refuses other control characters.
A rejected push names the field as `payload.<name>`. Pulls go to the author's devices only
(scope "owner") and include the rear page under `restricted`: the author wrote it.
"""
