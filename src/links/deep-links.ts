/** "View Record in CRM" / "View Records in FSM": URLs of a record in each vendor's own web app. */
export class DeepLinks {
  constructor(
    private readonly crmBaseUrl: string,
    private readonly fsmBaseUrl: string,
  ) {}

  crm(module: string, id: string): string {
    return `${this.crmBaseUrl}/crm/tab/${module}/${encodeURIComponent(id)}`;
  }

  fsm(module: string, id: string): string {
    return `${this.fsmBaseUrl}/app/${module}/${encodeURIComponent(id)}`;
  }
}
