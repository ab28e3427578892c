/** How big a generated organisation is. Per-account figures are averages. */
export interface DemoScale {
  accounts: number;
  contactsPerAccount: number;
  dealsPerAccount: number;
  salesOrdersPerAccount: number;
  requestsPerAccount: number;
  estimatesPerAccount: number;
  workOrdersPerAccount: number;
  appointmentsPerWorkOrder: number;
  assetsPerAccount: number;
  products: number;
  /** Share of Accounts with FSM work (Assets, Requests, Estimates, Work Orders); every Account syncs with a Company. */
  fsmWorkShare: number;
  /** Share of Requests, Estimates and Work Orders linked to a Deal or Sales Order. */
  parentedShare: number;
}

export const DEMO_SCALE: DemoScale = {
  accounts: 24,
  contactsPerAccount: 3,
  dealsPerAccount: 2,
  salesOrdersPerAccount: 1,
  requestsPerAccount: 2,
  estimatesPerAccount: 1,
  workOrdersPerAccount: 3,
  appointmentsPerWorkOrder: 2,
  assetsPerAccount: 2,
  products: 16,
  fsmWorkShare: 0.85,
  parentedShare: 0.5,
};

/** The benchmark organisation: 2,000 Accounts, 10,000 Contacts, 20,000 Work Orders, 40,000 appointments, … */
export const BENCH_SCALE: DemoScale = {
  accounts: 2000,
  contactsPerAccount: 5,
  dealsPerAccount: 1,
  salesOrdersPerAccount: 0.5,
  requestsPerAccount: 2,
  estimatesPerAccount: 1,
  workOrdersPerAccount: 10,
  appointmentsPerWorkOrder: 2,
  assetsPerAccount: 5,
  products: 200,
  fsmWorkShare: 1,
  parentedShare: 0.5,
};

export function scaled(scale: DemoScale, accounts: number): DemoScale {
  return { ...scale, accounts };
}
