import type { EntityManager } from "typeorm";
import { readFieldPath, writeFieldPath } from "../common/field-path";
import { PersonalDataClass, SystemName } from "../fields/field-definition.entity";
import type { CrmStore } from "../crm/crm-store";
import type { FsmStore } from "../fsm/fsm-store";
import type { LinkStore } from "../links/link-store";
import type { FieldCatalogue } from "../fields/field-catalogue";
import type { PersonalDataPolicy } from "../sync/privacy/personal-data-policy";
import type { ConversionMappingService } from "./conversion-mapping-service";
import { ConversionTarget, type ConversionSource } from "./conversion-pairs";
import { PARENT_SOURCES } from "../modules/module-registry";
import { loadCrmSource, type CrmSource } from "./crm-source";

export interface PrefillLine {
  position: number;
  kind: string | null;
  productId: string | null;
  serviceAndPartId: string | null;
  quantity: number;
  listPrice: number | null;
  discount: number | null;
  tax: number | null;
  amount: number | null;
}

/** What the create form shows before saving, and exactly what the create mutation starts from. */
export interface Prefill {
  source: CrmSource;
  target: ConversionTarget;
  /** FSM field values by GraphQL field name (summary, dueDate, …). */
  values: Record<string, unknown>;
  companyId: string | null;
  contactId: string | null;
  serviceAndPartId: string | null;
  parent: { module: string; id: string } | null;
  lineItems: PrefillLine[];
  /** CRM records that have no FSM counterpart yet and will be synced when the record is created. */
  syncsFirst: string[];
  skippedPersonalFields: number;
}

export interface PrefillDeps {
  conversions: ConversionMappingService;
  fields: FieldCatalogue;
  privacy: PersonalDataPolicy;
  links: LinkStore;
  crm: CrmStore;
  fsm: FsmStore;
}

/** Builds the prefill from the admin's conversion mapping, leaving out personal fields the CRM may not send. */
export class ConversionPrefiller {
  constructor(private readonly deps: PrefillDeps) {}

  async prefill(sourceModule: ConversionSource, sourceId: string, target: ConversionTarget, manager?: EntityManager): Promise<Prefill> {
    const { conversions, fields, privacy, links } = this.deps;
    const mapping = await conversions.get(sourceModule, target);
    const source = await loadCrmSource(this.deps.crm, sourceModule, sourceId, manager);
    const crmFields = await fields.definitionsOf(SystemName.CRM, sourceModule);
    const fsmFields = await fields.definitionsOf(SystemName.FSM, target);
    const values: Record<string, unknown> = {};
    let skippedPersonalFields = 0;
    for (const spec of mapping.fields) {
      const targetField = fsmFields.find((f) => f.apiName === spec.targetField);
      const sourceField = spec.sourceField ? crmFields.find((f) => f.apiName === spec.sourceField) : null;
      if (!targetField) continue;
      if (
        sourceField &&
        sourceField.personalData !== PersonalDataClass.NONE &&
        (await privacy.isRestricted(SystemName.CRM, sourceModule, sourceField.personalData))
      ) {
        skippedPersonalFields += 1;
        continue;
      }
      const value = sourceField ? readFieldPath(source.record, sourceField.fieldName) : null;
      writeFieldPath(values, targetField.fieldName, value ?? spec.defaultValue ?? null);
    }
    const counterpart = async (module: string, id: string | null) => (id ? ((await links.syncLinksByCrmIds(module, [id], manager))[0]?.fsmId ?? null) : null);
    const companyId = await counterpart("Accounts", source.accountId);
    const contactId = await counterpart("Contacts", source.contactId);
    const serviceAndPartId = await counterpart("Products", source.productId);
    const lineItems = await this.lineItems(source, target, manager);
    // The lines' Products without a Service or Part are synced on create too.
    const unsyncedLineProducts = lineItems.filter((l) => l.productId && !l.serviceAndPartId).map((l) => `Products/${l.productId}`);
    const syncsFirst = [
      source.accountId && !companyId ? `Accounts/${source.accountId}` : null,
      source.contactId && !contactId ? `Contacts/${source.contactId}` : null,
      source.productId && !serviceAndPartId ? `Products/${source.productId}` : null,
      ...new Set(unsyncedLineProducts),
    ].filter((s): s is string => s !== null);
    return {
      source,
      target,
      values,
      companyId,
      contactId,
      serviceAndPartId,
      syncsFirst,
      skippedPersonalFields,
      parent: PARENT_SOURCES.has(sourceModule) ? { module: sourceModule, id: sourceId } : null,
      lineItems,
    };
  }

  /** A Sales Order's lines become service and part lines, through each Product's synced Service or Part. */
  private async lineItems(source: CrmSource, target: ConversionTarget, manager?: EntityManager): Promise<PrefillLine[]> {
    if (source.module !== "Sales_Orders" || (target !== ConversionTarget.Estimates && target !== ConversionTarget.Work_Orders)) return [];
    const lines = await this.deps.crm.findByReference("Sales_Order_Line_Items", "salesOrderId", [source.record.id], manager);
    const links = await this.deps.links.syncLinksByCrmIds(
      "Products",
      lines.map((l) => l.productId).filter((id): id is string => !!id),
      manager,
    );
    const parts = await this.deps.fsm.getMany(
      "Services_And_Parts",
      links.map((l) => l.fsmId),
      manager,
    );
    return lines
      .sort((a, b) => a.position - b.position)
      .map((line, position) => {
        const serviceAndPartId = links.find((l) => l.crmId === line.productId)?.fsmId ?? null;
        const kind = parts.find((p) => p.id === serviceAndPartId)?.type ?? null;
        return {
          position,
          kind,
          productId: line.productId,
          serviceAndPartId,
          quantity: line.quantity,
          listPrice: line.listPrice,
          discount: line.discount,
          tax: line.tax,
          amount: line.amount,
        };
      });
  }
}
