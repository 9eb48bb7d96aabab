// Stop and search on the device: the URN and receipt made offline, exactly as the server checks
// them (frontline.stopsearch.urn and .receipt), and the record written with its mutation.

import { urlSafeToken } from "./crypto.js";
import { recordCorrect, recordWrite, STOP_SEARCH, urnSequenceNext } from "./records.js";
import { dayKey } from "./time.js";

// "<station>-<first six hex digits of the device id>-<this device's search count>", e.g.
// "HS-3FA9C2-17": the same rule as urn_make() on the server.
export function urnMake({ stationCode, deviceId, seq }) {
  const devicePart = deviceId.replace(/-/g, "").slice(0, 6).toUpperCase();
  return `${stationCode.toUpperCase()}-${devicePart}-${seq}`;
}

// What the person is given at the roadside, before anything is sent (PACE Code A 4.10A):
// the URN, who searched (name, or warrant number and station if withheld), the power, and how
// to get the full record and by when (3 months, 12 if taken into custody).
export function receiptMake(payload, form) {
  const inCustody = payload.outcome === form.arrest;
  const months = inCustody ? form.record_request_months_in_custody : form.record_request_months;
  return {
    urn: payload.urn,
    occurred_at: payload.occurred_at,
    officer: payload.officer_name_withheld ? form.officer_identity_withheld : form.officer_identity,
    legislation: payload.legislation,
    object_of_search: payload.object_of_search,
    how_to_request_record: form.how_to_request_record,
    request_record_by: monthsAfter(dayKey(payload.occurred_at), months),
    in_custody: inCustody,
    receipt_path: `/office/stop-searches/receipt/${payload.receipt_token}/`,
  };
}

// Record a new search: take the next URN of this device, then write record and mutation.
export async function stopSearchSave({ officer, device, form, values }) {
  const seq = await urnSequenceNext();
  const payload = {
    ...values,
    urn: urnMake({ stationCode: form.station.code, deviceId: device.device_id, seq }),
    receipt_token: urlSafeToken(24),
    supersedes: null,
  };
  const receipt = receiptMake(payload, form);
  return recordWrite({ officer, type: STOP_SEARCH, payload, local: { receipt } });
}

// Put right a refused search. The URN and receipt stay (the person holds them) unless the
// server refused the URN itself, when the next one is taken and a new receipt shown.
export async function stopSearchCorrect({ officer, device, form, item, values }) {
  const previous = item.payload;
  let urn = previous.urn;
  let token = previous.receipt_token;
  const field = (item.error && item.error.field) || "";
  if (field.endsWith("urn")) {
    urn = urnMake({ stationCode: form.station.code, deviceId: device.device_id, seq: await urnSequenceNext() });
  }
  if (field.endsWith("receipt_token")) token = urlSafeToken(24);
  const payload = { ...values, urn, receipt_token: token, supersedes: previous.supersedes || null };
  const receipt = receiptMake(payload, form);
  await recordCorrect({ officer, mutationId: item.mutation_id, payload, local: { receipt } });
  return { id: item.record_id, payload, local: { receipt } };
}

// "2026-02-28" + 3 months: the same day, clamped to the end of a shorter month (months_after).
export function monthsAfter(isoDay, months) {
  const [year, month, day] = isoDay.split("-").map(Number);
  const index = month - 1 + months;
  const y = year + Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, "0")}-${String(Math.min(day, last)).padStart(2, "0")}`;
}
