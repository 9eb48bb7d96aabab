// What went wrong, in plain words for the officer, for each kind of failure.

import { ApiError, NetworkError } from "../api.js";
import { WrongPin } from "../vault.js";

// Another officer may not take over the device while anything waits to be sent.
export class HandoverBlocked extends Error {
  constructor(previous) {
    super(
      `Entries written on this device by ${previous.collar_number} have not been sent yet. ` +
        `${previous.collar_number} must sign in and send them before another officer can use this device.`,
    );
  }
}

export function enrolError(error) {
  if (error instanceof NetworkError)
    return "There is no connection. Enrolling needs one: try again when online";
  if (error instanceof ApiError && error.code === "enrolment_code_invalid")
    return "This code is unknown, already used or expired. Ask the fleet team for a new one";
  return error.message || "The device could not be enrolled";
}

export function signInError(error) {
  if (error instanceof HandoverBlocked) return { message: error.message, field: "collar-number" };
  if (error instanceof NetworkError)
    return { message: "There is no connection. Signing in needs one: try again when online" };
  if (error instanceof ApiError) {
    if (error.code === "invalid_credentials")
      return { message: "The collar number or password is wrong" };
    if (error.code === "locked_out")
      return { message: "Too many failed sign-ins. Wait 15 minutes, then try again" };
    if (error.code === "officer_revoked")
      return { message: "Your access to Frontline has been withdrawn. Speak to your supervisor" };
    if (error.code === "device_unknown")
      return { message: "The server does not know this device. Speak to the fleet team" };
    return { message: error.message };
  }
  return { message: "Signing in failed. Try again" };
}

export function unlockError(error) {
  if (error instanceof WrongPin) {
    if (error.waitMs > 0)
      return `The PIN is wrong. Too many tries: wait ${Math.ceil(error.waitMs / 1000)} seconds, then try again`;
    return "The PIN is wrong";
  }
  return "The app could not be unlocked";
}
