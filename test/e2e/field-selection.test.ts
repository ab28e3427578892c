import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { buildSchema, parse, type OperationDefinitionNode } from "graphql";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { buildSmallOrg } from "../support/small-org";
import { postGraphQL } from "../support/graphql-client";
import { selectedFields } from "../../src/loaders/field-selection";

/** A query's loaders read only the columns it selects (plus keys, times, references); a mutation's read them all. */
/** What the queries below select of Work Orders; only the company's id and name are read from the answer. */
interface WorkOrdersAnswer {
  workOrders: { nodes: { id: string; company: { id: string; companyName?: string } | null }[] };
}

describe("columns read for a query's selection", () => {
  let t: TestGateway;
  let statements: string[];

  beforeAll(async () => {
    t = await startTestGateway({ syncWorker: false });
    await buildSmallOrg(t.services, t.admin.user.id);
    t.gateway.queryCounter.onQuery = (sql) => statements?.push(sql);
  });
  afterAll(() => t.stop());

  const run = async (query: string, variables: Record<string, unknown> = {}) => {
    statements = [];
    const response = await postGraphQL<WorkOrdersAnswer>(t.url, { query, variables }, t.admin.token);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const readOf = (table: string) => {
    const found = statements.filter((sql) => sql.startsWith("SELECT") && sql.includes(`FROM "${table}" WHERE`));
    expect(found, `a loader read of ${table}`).toHaveLength(1);
    return found[0];
  };

  it("reads a Work Order's Company with the selected fields, keys and modified time only, and answers the same", async () => {
    const data = await run(`{ workOrders(first: 5) { nodes { id company { id companyName } } } }`);
    const sql = readOf("fsm_company");
    for (const column of ["id", "companyName", "modifiedTime"]) expect(sql).toContain(`"${column}"`);
    for (const column of ["createdTime", "phone", "website", "email", "customFields", "billingAddressCity"]) expect(sql).not.toContain(`"${column}"`);
    const companies = data.workOrders.nodes.flatMap((n) => (n.company ? [n.company] : []));
    expect(companies.length).toBeGreaterThan(0);
    const stored = await t.services.fsm.getMany(
      "Companies",
      companies.map((c) => c.id),
    );
    for (const company of companies) expect(company.companyName).toBe(stored.find((s) => s.id === company.id)!.companyName);
  });

  it("counts fields selected in fragments and under aliases, and embedded objects whole", async () => {
    const data = await run(`
      query { workOrders(first: 5) { nodes { id company { ...Reach where: serviceAddress { city } } } } }
      fragment Reach on Company { tel: phone }`);
    const sql = readOf("fsm_company");
    expect(sql).toContain(`"phone"`);
    expect(sql).toMatch(/"serviceAddress\w*City"/i);
    expect(sql).not.toContain(`"website"`);
    expect(data.workOrders.nodes.some((n) => n.company)).toBe(true);
  });

  it("reads every column in a mutation, whose records may feed business rules", async () => {
    const [contact] = (await t.services.crm.list("Contacts", {}, { first: 1, direction: "DESC" })).records;
    await run(`mutation ($id: ID!) { updateCrmContact(id: $id, input: { phone: "+44 1" }) { record { id account { id } } } }`, { id: contact.id });
    expect(contact.accountId).toBeTruthy();
    // The loader's read, and any the mutation's own transaction made (business rules, the sync).
    const reads = statements.filter((sql) => sql.startsWith("SELECT") && sql.includes(`FROM "crm_account" WHERE`));
    expect(reads.length).toBeGreaterThan(0);
    for (const sql of reads) expect(sql).toContain(`"website"`);
  });

  it("maps a document to each type's selected fields once per parsed operation", () => {
    const document = parse(`query { deal(id: "1") { dealName account { accountName } ...F } } fragment F on Deal { stage }`);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const schema = buildSchema(readFileSync("schema/schema.graphql", "utf8"));
    const selected = selectedFields(schema, document, operation);
    expect([...selected.get("Deal")!].sort()).toEqual(["account", "dealName", "stage"]);
    expect([...selected.get("Account")!]).toEqual(["accountName"]);
    expect(selectedFields(schema, document, operation)).toBe(selected);
  });
});
