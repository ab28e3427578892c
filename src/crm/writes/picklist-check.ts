import { BadUserInputError } from "../../errors/app-error";
import type { FieldCatalogue } from "../../fields/field-catalogue";
import { SystemName } from "../../fields/field-definition.entity";

/**
 * A picklist value (a Deal's Stage, a Sales Order's Status) must be one the field catalogue lists, checked before
 * anything is written so the refusal is the same on the embedded and the remote stores.
 */
export async function checkPicklistValue(
  catalogue: Pick<FieldCatalogue, "definitionsOf">,
  module: string,
  field: string,
  value: string | null | undefined,
): Promise<void> {
  if (value === null || value === undefined) return;
  const definition = (await catalogue.definitionsOf(SystemName.CRM, module)).find((d) => d.fieldName === field);
  const allowed = definition?.picklistValues;
  if (!allowed || allowed.includes(value)) return;
  throw new BadUserInputError(field, `${field}: "${value}" is not one of ${allowed.map((v) => `"${v}"`).join(", ")}`, { allowed });
}
