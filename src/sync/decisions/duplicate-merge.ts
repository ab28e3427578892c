import { isEmptyValue } from "../engine/value-mapping";
import type { Side } from "../sync-pair";

/** Whether a field's value may be written to each side (the direction allows it and it may leave its system). */
export interface MergeFlows {
  crmToFsm: boolean;
  fsmToCrm: boolean;
}

/**
 * Overwrite (initial sync): the side whose value a newly linked pair keeps for one field, or null when the field
 * is left as it is. The CRM value wins where it has one; else the FSM value fills the CRM's empty field.
 */
export function duplicateMergeSource(crmValue: unknown, fsmValue: unknown, flows: MergeFlows): Side | null {
  if (!isEmptyValue(crmValue)) return flows.crmToFsm ? "CRM" : null;
  if (!isEmptyValue(fsmValue) && flows.fsmToCrm) return "FSM";
  return null;
}
